package org.parley.ui.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.chat.ConnectionState;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.chat.TrustService;
import org.parley.ui.ConversationOpener;
import org.parley.ui.model.ChatModel;

/** The contacts part (filter, unread, context menu) and the status bar, on real SWT widgets. */
class ContactsAndStatusTest {

    private Display display;
    private Shell shell;
    private FakeChatService service;
    private ChatModel model;
    private IEclipseContext context;
    private final List<Conversation> opened = new ArrayList<>();

    @BeforeEach
    void setUp() {
        display = Display.getDefault();
        shell = new Shell(display);
        service = new FakeChatService();
        model = new ChatModel(service, Runnable::run);
        context = EclipseContextFactory.create("test");
        context.set(ChatModel.class, model);
        context.set(ConversationOpener.class, (ConversationOpener) (c, activate) -> opened.add(c));
        context.set(TrustService.class, service);
        context.set(Composite.class, shell);
    }

    @AfterEach
    void tearDown() {
        context.dispose();
        shell.dispose();
    }

    @Test
    void theFilterNarrowsTheListAndEnterOpensTheFirstMatch() {
        ContactsPart part = ContextInjectionFactory.make(ContactsPart.class, context);
        service.join("bob");
        service.join("carol");
        service.join("robert");
        part.filter().setText("ob");
        assertEquals(List.of(Conversation.with("bob"), Conversation.with("robert")), part.rows());
        part.filter().setText("EVERY");
        assertEquals(List.of(Conversation.everyone()), part.rows());
        part.filter().setText("car");
        part.filter().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals(List.of(Conversation.with("carol")), opened);
        part.filter().setText("");
        assertEquals(4, part.rows().size());
    }

    @Test
    void unreadCountsShowAndClearWhenTheConversationIsRead() {
        ContactsPart part = ContextInjectionFactory.make(ContactsPart.class, context);
        service.join("bob");
        for (int i = 0; i < 3; i++) {
            service.fire(new ChatEvent.MessageAdded(new ChatMessage("u" + i, Conversation.with("bob"), "bob", false,
                    "hi " + i, "rsa-oaep-aes-gcm", System.currentTimeMillis(), ChatMessage.Status.RECEIVED)));
        }
        assertEquals("bob  (3)", part.table().getItem(1).getText(0));
        model.markRead(Conversation.with("bob"));
        assertEquals("bob", part.table().getItem(1).getText(0));
    }

    @Test
    void theContextMenuOpensTheChatAndCopiesTheFingerprint() {
        ContactsPart part = ContextInjectionFactory.make(ContactsPart.class, context);
        service.join(new Contact("bob", "aaaa bbbb cccc dddd eeee", List.of("rsa-oaep-aes-gcm"), Contact.Trust.CHANGED));
        part.table().setSelection(1);
        Menu menu = part.table().getMenu();
        menu.notifyListeners(SWT.Show, new Event());
        List<String> labels = Arrays.stream(menu.getItems()).map(MenuItem::getText).toList();
        assertEquals(List.of("Open chat", "Show safety number...", "Copy fingerprint", "Accept new identity key..."),
                labels);
        assertEquals("\u26a0 KEY CHANGED", part.table().getItem(1).getText(1));

        menu.getItems()[0].notifyListeners(SWT.Selection, new Event());
        assertEquals(List.of(Conversation.with("bob")), opened);
        menu.getItems()[2].notifyListeners(SWT.Selection, new Event());
        Clipboard clipboard = new Clipboard(display);
        assertEquals("aaaa bbbb cccc dddd eeee", clipboard.getContents(TextTransfer.getInstance()));
        clipboard.dispose();

        part.table().setSelection(0);
        menu.notifyListeners(SWT.Show, new Event());
        assertFalse(menu.getItems()[1].getEnabled(), "Everyone has no safety number");
    }

    @Test
    void theStatusBarShowsTlsAndThePinnedCertificate() {
        StatusControl status = ContextInjectionFactory.make(StatusControl.class, context);
        assertEquals("Connected to wss://localhost:8765/ as alice   \u00b7   TLSv1.3, pinned relay certificate SHA-256 "
                + "abababababababab\u2026   \u00b7   0 online", status.text());
    }

    @Test
    void theReconnectCountdownTicksDown() {
        StatusControl status = ContextInjectionFactory.make(StatusControl.class, context);
        long[] now = {1_000_000};
        status.clock = () -> now[0];
        service.state = ConnectionState.RECONNECTING;
        service.fire(new ChatEvent.ConnectionChanged(ConnectionState.RECONNECTING, "connection reset; retrying in 8 s"));
        assertEquals("Connection lost \u2014 reconnecting to wss://localhost:8765/ (connection reset; retrying in 8 s)",
                status.text());
        now[0] += 3000;
        status.tick();
        assertTrue(status.text().endsWith("(connection reset; retrying in 5 s)"), status.text());
        now[0] += 6000;
        status.tick();
        assertTrue(status.text().endsWith("(connection reset; retrying now)"), status.text());
    }
}
