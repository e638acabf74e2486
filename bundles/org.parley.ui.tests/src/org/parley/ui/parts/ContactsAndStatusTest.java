package org.parley.ui.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Evaluate;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
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
import org.parley.ui.handlers.AcceptNewKeyHandler;
import org.parley.ui.handlers.CopyFingerprintHandler;
import org.parley.ui.handlers.KeyChangePending;
import org.parley.ui.handlers.OpenChatHandler;
import org.parley.ui.handlers.ShowSafetyNumberHandler;
import org.parley.ui.model.ChatModel;
import org.parley.ui.model.ContactRows;

/**
 * The contacts part (filter, unread, the selection its context menu's handlers act on) and the status bar,
 * on real SWT widgets.
 */
class ContactsAndStatusTest {

    private Display display;
    private Shell shell;
    private FakeChatService service;
    private ChatModel model;
    private IEclipseContext context;
    private final List<Conversation> opened = new ArrayList<>();
    private final WorkbenchFakes.Menus menus = new WorkbenchFakes.Menus();
    private WorkbenchFakes.Selection selection;

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
        context.set(IServiceConstants.ACTIVE_SHELL, shell);
        selection = new WorkbenchFakes.Selection(context);
        context.set(ESelectionService.class, selection);
        context.set(EMenuService.class, menus);
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
    void thePartRegistersTheModelsContextMenuAndPublishesTheSelectedRow() {
        ContactsPart part = ContextInjectionFactory.make(ContactsPart.class, context);
        assertEquals(List.of(new WorkbenchFakes.Menus.Registration(part.table(), "org.parley.ui.popupmenu.contacts")),
                menus.registered, "the context menu comes from the application model, not from the part");
        assertNull(part.table().getMenu(), "no SWT menu is built by the part itself");
        service.join(new Contact("bob", "aaaa bbbb cccc dddd eeee", List.of("rsa-oaep-aes-gcm"), Contact.Trust.CHANGED));
        assertNull(selection.getSelection(), "nothing selected yet");

        select(part, 1);
        ContactRows.Row bob = (ContactRows.Row) selection.getSelection();
        assertEquals(Conversation.with("bob"), bob.conversation());
        assertEquals(Contact.Trust.CHANGED, bob.contact().orElseThrow().trust());
        assertEquals("\u26a0 KEY CHANGED", part.table().getItem(1).getText(1));

        // bob's key is accepted elsewhere while his row stays selected: the handlers must see the new trust
        service.join(new Contact("bob", "aaaa bbbb cccc dddd eeee", List.of("rsa-oaep-aes-gcm"), Contact.Trust.TRUSTED));
        assertEquals(1, part.table().getSelectionIndex());
        assertEquals(Contact.Trust.TRUSTED,
                ((ContactRows.Row) selection.getSelection()).contact().orElseThrow().trust());

        select(part, 0);
        ContactRows.Row everyone = (ContactRows.Row) selection.getSelection();
        assertEquals(Conversation.everyone(), everyone.conversation());
        assertTrue(everyone.contact().isEmpty());

        part.table().deselectAll();
        part.table().notifyListeners(SWT.Selection, new Event());
        assertNull(selection.getSelection());
        assertNull(context.get(IServiceConstants.ACTIVE_SELECTION));
    }

    @Test
    void theContextMenusCommandsActOnTheRowThePartPublished() {
        ContactsPart part = ContextInjectionFactory.make(ContactsPart.class, context);
        service.join(new Contact("bob", "aaaa bbbb cccc dddd eeee", List.of("rsa-oaep-aes-gcm"), Contact.Trust.CHANGED));
        service.join("carol");
        // let the part open Everyone, as it does once at start, before the commands run
        while (display.readAndDispatch()) {
            // drain
        }
        opened.clear();

        // the handlers run through injection, with the selection the part published, as in the workbench
        select(part, 1);
        assertTrue(canExecute(new OpenChatHandler()));
        assertTrue(canExecute(new ShowSafetyNumberHandler()));
        assertTrue(canExecute(new CopyFingerprintHandler()));
        assertTrue(canExecute(new AcceptNewKeyHandler()));
        assertTrue(visible(new KeyChangePending()), "accepting is offered while bob's key change is pending");
        ContextInjectionFactory.invoke(new OpenChatHandler(), Execute.class, context);
        assertEquals(List.of(Conversation.with("bob")), opened);
        ContextInjectionFactory.invoke(new CopyFingerprintHandler(), Execute.class, context);
        Clipboard clipboard = new Clipboard(display);
        assertEquals("aaaa bbbb cccc dddd eeee", clipboard.getContents(TextTransfer.getInstance()),
                "the whole fingerprint, not the shortened one the list shows");
        clipboard.dispose();

        select(part, 2);
        assertTrue(canExecute(new ShowSafetyNumberHandler()));
        assertFalse(canExecute(new AcceptNewKeyHandler()), "carol's key did not change");
        assertFalse(visible(new KeyChangePending()));

        select(part, 0);
        assertTrue(canExecute(new OpenChatHandler()));
        assertFalse(canExecute(new ShowSafetyNumberHandler()), "Everyone has no safety number");
        assertFalse(canExecute(new CopyFingerprintHandler()), "Everyone has no fingerprint");
        assertFalse(canExecute(new AcceptNewKeyHandler()));
        ContextInjectionFactory.invoke(new OpenChatHandler(), Execute.class, context);
        assertEquals(List.of(Conversation.with("bob"), Conversation.everyone()), opened);

        part.table().deselectAll();
        part.table().notifyListeners(SWT.Selection, new Event());
        assertFalse(canExecute(new OpenChatHandler()), "nothing selected");
    }

    private static void select(ContactsPart part, int index) {
        part.table().setSelection(index);
        part.table().notifyListeners(SWT.Selection, new Event());
    }

    private boolean canExecute(Object handler) {
        return (Boolean) ContextInjectionFactory.invoke(handler, CanExecute.class, context);
    }

    private boolean visible(Object expression) {
        return (Boolean) ContextInjectionFactory.invoke(expression, Evaluate.class, context);
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
