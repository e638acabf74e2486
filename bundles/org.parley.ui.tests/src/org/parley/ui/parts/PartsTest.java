package org.parley.ui.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.swt.SWT;
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
import org.parley.ui.PartConversationOpener;
import org.parley.ui.model.ChatModel;

/**
 * Builds the real parts with e4 injection on real SWT widgets (needs an X display: Xvfb in CI) and
 * drives them the way a user does.
 */
class PartsTest {

    private Display display;
    private Shell shell;
    private FakeChatService service;
    private IEclipseContext context;
    private final List<Conversation> opened = new ArrayList<>();

    @BeforeEach
    void setUp() {
        display = Display.getDefault();
        shell = new Shell(display);
        service = new FakeChatService();
        context = EclipseContextFactory.create("test");
        // synchronous "UI executor": the test thread owns the display
        context.set(ChatModel.class, new ChatModel(service, Runnable::run));
        context.set(ConversationOpener.class, (ConversationOpener) (c, activate) -> opened.add(c));
        context.set(TrustService.class, service);
        context.set(Composite.class, shell);
        context.set(ESelectionService.class, new WorkbenchFakes.Selection(context));
        context.set(EMenuService.class, new WorkbenchFakes.Menus());
    }

    @AfterEach
    void tearDown() {
        context.dispose();
        shell.dispose();
    }

    @Test
    void contactsListEveryoneFirstThenLiveJoinsAndLeaves() {
        ContactsPart part = ContextInjectionFactory.make(ContactsPart.class, context);
        assertEquals(List.of(Conversation.everyone()), part.rows());

        service.join("bob");
        service.join("carol");
        assertEquals(List.of(Conversation.everyone(), Conversation.with("bob"), Conversation.with("carol")), part.rows());
        assertEquals("bob", part.table().getItem(1).getText(0));
        assertEquals("not verified", part.table().getItem(1).getText(1));
        assertEquals("1234 5678", part.table().getItem(1).getText(2));

        service.join(new Contact("dave", "aaaa bbbb cccc dddd eeee ffff", List.of("rsa-oaep-aes-gcm"),
                Contact.Trust.TRUSTED));
        assertEquals("aaaa bbbb cccc dddd \u2026", part.table().getItem(3).getText(2), "long fingerprints are shortened");
        service.contacts.remove(2);
        service.contacts.remove(0);
        service.fire(new ChatEvent.PresenceChanged(service.snapshot().contacts().get(0), false));
        assertEquals(List.of(Conversation.everyone(), Conversation.with("carol")), part.rows());
    }

    @Test
    void openingAContactOpensItsConversationAndIncomingMessagesShowUnread() {
        ContactsPart part = ContextInjectionFactory.make(ContactsPart.class, context);
        service.join("bob");
        part.table().setSelection(1);
        part.table().notifyListeners(SWT.DefaultSelection, new Event());
        assertEquals(List.of(Conversation.with("bob")), opened);

        service.fire(new ChatEvent.MessageAdded(incoming("bob", "hi")));
        assertEquals("bob  (1)", part.table().getItem(1).getText(0));
        assertEquals(2, opened.size(), "an incoming message opens its conversation");
    }

    @Test
    void enterSendsWithTheSelectedSchemeAndShiftEnterDoesNot() {
        ChatPart part = chatPart("bob");
        part.composer().setText("hello bob");
        press(part, SWT.SHIFT);
        assertTrue(service.sent.isEmpty(), "Shift+Enter must not send");

        press(part, 0);
        assertEquals(List.of(new FakeChatService.Sent(Conversation.with("bob"), "hello bob", "rsa-oaep-aes-gcm")),
                service.sent);
        assertEquals("", part.composer().getText());
        flush();
        assertTrue(part.rowTexts().contains("You"), part.rowTexts().toString());
        assertTrue(text(part).contains("hello bob | RSA-OAEP + AES-256-GCM \u00b7 sending"), text(part));

        service.fire(new ChatEvent.MessageStatusChanged(Conversation.with("bob"), "m1", ChatMessage.Status.SENT, null));
        flush();
        assertTrue(text(part).contains("sent \u2713"), text(part));
        service.fire(new ChatEvent.MessageStatusChanged(Conversation.with("bob"), "m1", ChatMessage.Status.DELIVERED, null));
        flush();
        assertTrue(text(part).contains("delivered \u2713\u2713"), text(part));

        part.schemeCombo().select(1);
        part.composer().setText("second");
        press(part, 0);
        assertEquals("rsa-oaep-chunked", service.sent.get(1).schemeId());
    }

    @Test
    void incomingMessagesAndNoticesAppearLiveInTheirConversationOnly() {
        ChatPart bob = chatPart("bob");
        ChatPart everyone = chatPart(Conversation.EVERYONE_KEY);
        assertEquals("Everyone", everyone.conversation().title());

        service.fire(new ChatEvent.MessageAdded(incoming("bob", "Grüße 🔐")));
        service.fire(new ChatEvent.Notice(Conversation.everyone(), "carol joined", System.currentTimeMillis()));
        flush();
        assertTrue(text(bob).contains("bob\nGrüße 🔐 | RSA-OAEP + AES-256-GCM"), text(bob));
        assertFalse(text(bob).contains("carol joined"));
        assertTrue(text(everyone).contains("\u2014 carol joined"), text(everyone));
    }

    @Test
    void aChangedIdentityKeyIsShownLoudlyAndHoldsTheComposer() {
        ContactsPart contacts = ContextInjectionFactory.make(ContactsPart.class, context);
        ChatPart bob = chatPart("bob");
        service.join("bob");
        assertTrue(bob.composer().isEnabled());

        service.join(new Contact("bob", "9999 0000", List.of("rsa-oaep-aes-gcm"), Contact.Trust.CHANGED));
        assertEquals("\u26a0 KEY CHANGED", contacts.table().getItem(1).getText(1));
        assertEquals("9999 0000", contacts.table().getItem(1).getText(2));
        assertFalse(bob.composer().isEnabled(), "sending to a changed key must be held");
        assertTrue(ChatPart.blockedReason(service.snapshot(), Conversation.with("bob")).contains("identity key changed"));
        assertTrue(ChatPart.blockedReason(service.snapshot(), Conversation.everyone()).isEmpty());

        service.join(new Contact("bob", "9999 0000", List.of("rsa-oaep-aes-gcm"), Contact.Trust.VERIFIED));
        assertEquals("\u2713 verified", contacts.table().getItem(1).getText(1));
        assertTrue(bob.composer().isEnabled());
    }

    @Test
    void offlineContactsAreListedGreyAfterTheOnlineOnesAndCanStillBeWrittenTo() {
        ContactsPart contacts = ContextInjectionFactory.make(ContactsPart.class, context);
        ChatPart bob = chatPart("bob");
        service.join("bob");
        service.join("carol");
        service.leave("bob");

        assertEquals(List.of(Conversation.everyone(), Conversation.with("carol"), Conversation.with("bob")),
                contacts.rows());
        assertEquals("1 online", contacts.table().getItem(0).getText(1));
        assertEquals("not verified", contacts.table().getItem(1).getText(1));
        assertEquals("offline \u00b7 not verified", contacts.table().getItem(2).getText(1));
        assertEquals("1234 5678", contacts.table().getItem(2).getText(2));
        assertEquals(display.getSystemColor(SWT.COLOR_DARK_GRAY), contacts.table().getItem(2).getForeground());

        assertTrue(bob.composer().isEnabled(), "the relay stores messages for an offline contact");
        assertTrue(ChatPart.blockedReason(service.snapshot(), Conversation.with("bob")).isEmpty());
        bob.composer().setText("see you later");
        press(bob, 0);
        assertEquals(List.of(new FakeChatService.Sent(Conversation.with("bob"), "see you later", "rsa-oaep-aes-gcm")),
                service.sent);

        service.join(new Contact("bob", "9999 0000", List.of("rsa-oaep-aes-gcm"), Contact.Trust.CHANGED, false));
        assertFalse(bob.composer().isEnabled(), "a changed key holds sending, online or not");
    }

    @Test
    void offlineDisablesTheComposerWithAnExplanationAndKeepsTheText() {
        ChatPart everyone = chatPart(Conversation.EVERYONE_KEY);
        everyone.composer().setText("draft");
        service.state = ConnectionState.DISCONNECTED;
        service.fire(new ChatEvent.ConnectionChanged(ConnectionState.DISCONNECTED, "closed"));
        assertFalse(everyone.composer().isEnabled());
        assertEquals("draft", everyone.composer().getText());
        assertTrue(ChatPart.blockedReason(service.snapshot(), Conversation.everyone()).startsWith("Offline"));
    }

    private ChatPart chatPart(String peer) {
        MPart mpart = MBasicFactory.INSTANCE.createPart();
        mpart.getPersistedState().put(PartConversationOpener.CONVERSATION_KEY, peer);
        IEclipseContext partContext = context.createChild();
        partContext.set(MPart.class, mpart);
        partContext.set(Composite.class, new Composite(shell, SWT.NONE));
        return ContextInjectionFactory.make(ChatPart.class, partContext);
    }

    private void flush() {
        while (display.readAndDispatch()) {
            // run the coalesced list updates
        }
    }

    private static String text(ChatPart part) {
        return String.join("\n", part.rowTexts());
    }

    private static void press(ChatPart part, int stateMask) {
        Event e = new Event();
        e.keyCode = SWT.CR;
        e.character = '\r';
        e.stateMask = stateMask;
        e.doit = true;
        part.composer().notifyListeners(SWT.KeyDown, e);
    }

    private static ChatMessage incoming(String from, String text) {
        return new ChatMessage("x" + text.hashCode(), Conversation.with(from), from, false, text, "rsa-oaep-aes-gcm",
                System.currentTimeMillis(), ChatMessage.Status.RECEIVED);
    }
}
