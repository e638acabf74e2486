package org.parley.ui.parts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.eclipse.e4.core.contexts.ContextInjectionFactory;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.ui.FakeHistoryService;
import org.parley.ui.PartConversationOpener;
import org.parley.ui.model.ChatModel;
import org.parley.ui.model.TranscriptLayout;

/** The message list of a conversation part with real SWT widgets: virtual rows, history paging, themes. */
class ChatPartTest {

    private Display display;
    private Shell shell;
    private FakeChatService service;
    private FakeHistoryService history;
    private ChatModel model;
    private IEclipseContext context;

    @BeforeEach
    void setUp() {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(900, 600);
        service = new FakeChatService();
        history = new FakeHistoryService();
        model = new ChatModel(service, Runnable::run);
        context = EclipseContextFactory.create("test");
        context.set(ChatModel.class, model);
    }

    @AfterEach
    void tearDown() {
        context.dispose();
        shell.dispose();
    }

    @Test
    void tenThousandMessagesAreVirtualRowsAndOnlyVisibleOnesAreMaterialized() {
        ChatPart part = open("bob");
        long start = System.currentTimeMillis() - 10_000L * 1000;
        for (int i = 0; i < 10_000; i++) {
            service.fire(new ChatEvent.MessageAdded(new ChatMessage("id" + i, Conversation.with("bob"),
                    i % 2 == 0 ? "bob" : "alice", i % 2 == 1, "message number " + i, "rsa-oaep-aes-gcm",
                    start + i * 1000L, i % 2 == 0 ? ChatMessage.Status.RECEIVED : ChatMessage.Status.DELIVERED)));
        }
        long before = System.nanoTime();
        flush();
        long millis = (System.nanoTime() - before) / 1_000_000;
        MessageList list = part.messages();
        assertTrue(list.table().getItemCount() >= 20_000, "a header and a text row per message: "
                + list.table().getItemCount());
        assertEquals(list.rows().size(), list.table().getItemCount());
        int visible = list.table().getClientArea().height / list.table().getItemHeight() + 2;
        assertTrue(list.materialized() <= visible * 3,
                "only visible rows are filled: " + list.materialized() + " of " + list.table().getItemCount());
        assertTrue(list.table().getTopIndex() > list.table().getItemCount() - visible - 2, "scrolled to the newest");
        assertTrue(millis < 5000, "rebuilding 10,000 messages took " + millis + " ms");
        System.out.println("10,000 messages: " + list.table().getItemCount() + " rows, " + list.materialized()
                + " materialized, first layout " + millis + " ms");
        assertTrue(part.rowTexts().get(list.rows().size() - 1).startsWith("message number 9999 | "));
    }

    @Test
    void openingLoadsTheNewestPageAndScrollingToTheTopLoadsOlderPages() {
        long now = System.currentTimeMillis();
        history.addMessages("bob", 10_000, now);
        model.setHistory(Optional.of(history));
        ChatPart part = open("bob");
        assertEquals(List.of(new FakeHistoryService.PageCall(Conversation.with("bob"), Long.MAX_VALUE, ChatPart.PAGE)),
                history.pages);
        assertEquals(ChatPart.PAGE, part.lines().size());
        assertEquals("history message 9999", part.lines().get(ChatPart.PAGE - 1).message().get().text());

        // a live message after the page is shown below it, once
        service.fire(new ChatEvent.MessageAdded(new ChatMessage("live", Conversation.with("bob"), "bob", false, "live one",
                "rsa-oaep-aes-gcm", now + 1000, ChatMessage.Status.RECEIVED)));
        flush();
        assertEquals(ChatPart.PAGE + 1, part.lines().size());

        MessageList list = part.messages();
        int rowsBefore = list.table().getItemCount();
        list.table().setTopIndex(0);
        list.table().getVerticalBar().notifyListeners(SWT.Selection, new Event());
        flush();
        assertEquals(2, history.pages.size());
        long oldestSeq = history.entries.get(10_000 - ChatPart.PAGE).seq();
        assertEquals(oldestSeq, history.pages.get(1).beforeSeq(), "the next page ends where the first began");
        assertEquals(2 * ChatPart.PAGE + 1, part.lines().size());
        assertEquals("history message " + (10_000 - 2 * ChatPart.PAGE), part.lines().get(0).message().get().text());
        assertTrue(list.table().getItemCount() > rowsBefore);
        assertTrue(list.table().getTopIndex() > 0, "the row being read stays in place, older rows come above it");
    }

    @Test
    void theKeyboardPagesOlderHistoryToo() {
        history.addMessages("bob", 1_000, System.currentTimeMillis());
        model.setHistory(Optional.of(history));
        ChatPart part = open("bob");
        MessageList list = part.messages();
        list.table().setTopIndex(0); // where Ctrl+Home or Page Up leave the view: no scroll bar event on GTK
        Event keyUp = new Event();
        keyUp.keyCode = SWT.HOME;
        keyUp.stateMask = SWT.CTRL;
        list.table().notifyListeners(SWT.KeyUp, keyUp);
        flush();
        assertEquals(2, history.pages.size(), "an older page was asked for");
        assertEquals(2 * ChatPart.PAGE, part.lines().size());
    }

    @Test
    void aHistoryFailureIsShownAsASystemLine() {
        history.failure = "the identity is locked";
        model.setHistory(Optional.of(history));
        ChatPart part = open("bob");
        flush();
        assertTrue(String.join("\n", part.rowTexts())
                .contains("\u26a0 Older messages could not be read from the local history: the identity is locked"));
        assertFalse(model.hasOlder(Conversation.with("bob")));
    }

    @Test
    void aLockedHistoryIsReadAgainOnceConnected() {
        history.addMessages("bob", 50, System.currentTimeMillis());
        history.failure = "the history is locked";
        service.state = org.parley.chat.ConnectionState.CONNECTING;
        model.setHistory(Optional.of(history));
        ChatPart part = open("bob");
        assertTrue(part.lines().isEmpty(), "no failure line while the identity may still be locked");
        assertTrue(model.hasOlder(Conversation.with("bob")));

        history.failure = null;
        service.state = org.parley.chat.ConnectionState.CONNECTED;
        service.fire(new ChatEvent.ConnectionChanged(org.parley.chat.ConnectionState.CONNECTED, "wss://localhost:8765/"));
        flush();
        assertEquals(2, history.pages.size());
        assertEquals(50, part.lines().size());
        assertFalse(model.hasOlder(Conversation.with("bob")), "a short page means there is nothing older");
    }

    @Test
    void messagesAreGroupedBySenderWithDaySeparatorsAndSystemLines() {
        ChatPart part = open("bob");
        long now = System.currentTimeMillis();
        long yesterday = now - 24 * 3600_000L;
        fire("1", "bob", "one", yesterday);
        fire("2", "bob", "two", yesterday + 1000);
        fire("3", "bob", "three", now - 2000);
        service.fire(new ChatEvent.Notice(Conversation.with("bob"), "bob's identity key changed", now - 1500));
        service.fire(new ChatEvent.Notice(Conversation.with("bob"), "bob joined", now - 1000));
        fire("4", "bob", "four", now);
        flush();
        List<TranscriptLayout.Kind> kinds = part.messages().rows().stream().map(TranscriptLayout.Row::kind).toList();
        assertEquals(List.of(TranscriptLayout.Kind.DAY, TranscriptLayout.Kind.HEADER, TranscriptLayout.Kind.TEXT,
                TranscriptLayout.Kind.TEXT, TranscriptLayout.Kind.DAY, TranscriptLayout.Kind.HEADER,
                TranscriptLayout.Kind.TEXT, TranscriptLayout.Kind.WARNING, TranscriptLayout.Kind.NOTICE,
                TranscriptLayout.Kind.HEADER, TranscriptLayout.Kind.TEXT), kinds);
        assertEquals("Yesterday", part.rowTexts().get(0));
        assertEquals("Today", part.rowTexts().get(4));
        assertTrue(part.messages().rows().get(2).encrypted(), "every message row shows the lock");
    }

    @Test
    void theMessageListFollowsTheThemeColours() {
        ChatPart part = open("bob");
        fire("1", "bob", "hello", System.currentTimeMillis());
        flush();
        MessageList list = part.messages();
        list.table().setBackground(new Color(255, 255, 255));
        list.table().setForeground(new Color(20, 20, 20));
        list.restyle();
        Color lightMuted = list.palette().muted;
        assertFalse(list.palette().dark);

        // what the dark CSS theme does to the list, then the theme-changed event
        list.table().setBackground(new Color(0x1e, 0x1f, 0x22));
        list.table().setForeground(new Color(0xdd, 0xdd, 0xdd));
        part.themeChanged("dark");
        flush();
        assertTrue(list.palette().dark);
        assertNotEquals(lightMuted.getRGB(), list.palette().muted.getRGB());
        assertNotEquals(lightMuted.getRGB(), list.table().getItem(0).getForeground().getRGB(),
                "rows are filled again with the new colours");
    }

    @Test
    void theComposerSaysWhyItIsDisabled() {
        ChatPart part = open("bob");
        service.join(new Contact("bob", "9999 0000", List.of("rsa-oaep-aes-gcm"), Contact.Trust.CHANGED));
        assertFalse(part.composer().isEnabled());
        assertTrue(part.banner().getVisible());
        assertTrue(part.banner().getText().contains("identity key changed"), part.banner().getText());
        service.state = org.parley.chat.ConnectionState.RECONNECTING;
        service.fire(new ChatEvent.ConnectionChanged(org.parley.chat.ConnectionState.RECONNECTING, "retrying in 5 s"));
        assertTrue(part.banner().getText().startsWith("Connection lost"), part.banner().getText());
        service.state = org.parley.chat.ConnectionState.CONNECTED;
        service.join(new Contact("bob", "9999 0000", List.of("rsa-oaep-aes-gcm"), Contact.Trust.VERIFIED));
        assertTrue(part.composer().isEnabled());
        assertFalse(part.banner().getVisible());
    }

    @Test
    void aFailedMessageCanBeSentAgainFromTheListsContextMenu() {
        ChatPart part = open("bob");
        ChatMessage mine = new ChatMessage("m1", Conversation.with("bob"), "alice", true, "are you there?",
                "rsa-oaep-aes-gcm", System.currentTimeMillis(), ChatMessage.Status.SENDING);
        service.fire(new ChatEvent.MessageAdded(mine));
        service.fire(new ChatEvent.MessageStatusChanged(mine.conversation(), "m1", ChatMessage.Status.FAILED,
                "Not confirmed by the relay before the connection ended."));
        flush();
        List<String> rows = part.rowTexts();
        assertTrue(rows.stream().anyMatch(r -> r.contains("are you there?") && r.contains("failed")), rows.toString());
        String shown = rows.stream().map(r -> r.replaceAll(" \\| \\d\\d:\\d\\d$", "")).collect(
                java.util.stream.Collectors.joining(" ")); // a long line wraps onto several rows
        assertTrue(shown.contains("Not sent: Not confirmed by the relay before the connection ended. (right-click it: "
                + "Send Again)"), rows.toString());

        org.eclipse.swt.widgets.Menu menu = part.messages().table().getMenu();
        org.eclipse.swt.widgets.MenuItem sendAgain = menu.getItem(0);
        assertEquals("Send &Again", sendAgain.getText());
        int failedRow = rowIndex(part, "are you there?");
        int noticeRow = rowIndex(part, "Not sent:");
        part.messages().table().setSelection(noticeRow);
        menu.notifyListeners(SWT.Show, new Event());
        assertFalse(sendAgain.getEnabled(), "only a failed message of the user can be sent again");
        part.messages().table().setSelection(failedRow);
        service.state = org.parley.chat.ConnectionState.DISCONNECTED;
        menu.notifyListeners(SWT.Show, new Event());
        assertFalse(sendAgain.getEnabled(), "not while offline");
        service.state = org.parley.chat.ConnectionState.CONNECTED;
        menu.notifyListeners(SWT.Show, new Event());
        assertTrue(sendAgain.getEnabled());

        sendAgain.notifyListeners(SWT.Selection, new Event());
        flush();

        assertEquals(List.of(mine.withStatus(ChatMessage.Status.FAILED)), service.resent);
        assertTrue(part.rowTexts().stream().anyMatch(r -> r.contains("are you there?") && r.contains("sending")),
                part.rowTexts().toString());
    }

    private static int rowIndex(ChatPart part, String text) {
        List<String> rows = part.rowTexts();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no row with " + text + " in " + rows);
    }

    private void fire(String id, String from, String text, long time) {
        service.fire(new ChatEvent.MessageAdded(new ChatMessage(id, Conversation.with("bob"), from, false, text,
                "rsa-oaep-aes-gcm", time, ChatMessage.Status.RECEIVED)));
    }

    private ChatPart open(String peer) {
        MPart mpart = MBasicFactory.INSTANCE.createPart();
        mpart.getPersistedState().put(PartConversationOpener.CONVERSATION_KEY, peer);
        IEclipseContext partContext = context.createChild();
        partContext.set(MPart.class, mpart);
        Composite composite = new Composite(shell, SWT.NONE);
        partContext.set(Composite.class, composite);
        ChatPart part = ContextInjectionFactory.make(ChatPart.class, partContext);
        shell.layout(true, true);
        shell.open();
        flush();
        return part;
    }

    private void flush() {
        for (int i = 0; i < 3; i++) {
            while (display.readAndDispatch()) {
                // run coalesced updates and paints
            }
        }
    }
}
