package org.parley.chat.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.chat.internal.history.HistoryFixtures.BOB;
import static org.parley.chat.internal.history.HistoryFixtures.CAROL;
import static org.parley.chat.internal.history.HistoryFixtures.added;
import static org.parley.chat.internal.history.HistoryFixtures.await;
import static org.parley.chat.internal.history.HistoryFixtures.failure;
import static org.parley.chat.internal.history.HistoryFixtures.identity;
import static org.parley.chat.internal.history.HistoryFixtures.incoming;
import static org.parley.chat.internal.history.HistoryFixtures.outgoing;
import static org.parley.chat.internal.history.HistoryFixtures.texts;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryEntry;
import org.parley.chat.HistoryService.ExportFormat;
import org.parley.identity.Identity;

class HistoryAtRestTest {

    @TempDir
    Path home;

    private final Identity alice = identity("alice");
    private LocalHistory history;

    @AfterEach
    void shutdown() {
        if (history != null) {
            history.shutdown();
        }
    }

    private void openAs(Identity identity) {
        if (history != null) {
            history.shutdown();
        }
        history = new LocalHistory(home);
        await(history.open(identity));
    }

    private void close() {
        history.shutdown();
        history = null;
    }

    @Test
    void theFileHoldsNoPlaintext() throws Exception {
        openAs(alice);
        Conversation zebulon = Conversation.with("peerzebulon");
        history.onEvent(added(new ChatMessage("msgid-frobozz", zebulon, "alice", true, "SECRETTEXT xyzzy plover",
                "schemeqqq", 1, ChatMessage.Status.SENDING)));
        history.onEvent(new ChatEvent.MessageStatusChanged(zebulon, "msgid-frobozz", ChatMessage.Status.DELIVERED, null));
        history.onEvent(added(new ChatMessage("msgid-grue", Conversation.everyone(), "sendermallory", false,
                "ANOTHERSECRET words", "schemeqqq", 2, ChatMessage.Status.RECEIVED)));
        history.onEvent(new ChatEvent.Notice(zebulon, "NOTICEPLUGH peerzebulon changed keys", 3));
        assertEquals(2, await(history.count(zebulon)));
        close();

        String bytes = new String(Files.readAllBytes(home.resolve(LocalHistory.FILE_NAME)), StandardCharsets.ISO_8859_1);
        for (String secret : List.of("SECRETTEXT", "xyzzy", "ANOTHERSECRET", "peerzebulon", "sendermallory", "alice",
                "schemeqqq", "NOTICEPLUGH", "msgid-frobozz", "msgid-grue", "DELIVERED", "RECEIVED", "Everyone")) {
            assertFalse(bytes.contains(secret), secret + " is in the file");
        }

        openAs(alice);
        assertEquals(List.of("SECRETTEXT xyzzy plover", "NOTICEPLUGH peerzebulon changed keys"),
                texts(await(history.page(zebulon, Long.MAX_VALUE, 10))));
    }

    @Test
    void anotherIdentityCannotOpenTheHistory() {
        openAs(alice);
        history.onEvent(added(outgoing(BOB, "1", "for alice only", 1)));
        close();

        Identity otherAlice = identity("alice"); // same name, other key
        history = new LocalHistory(home);
        Throwable e = failure(history.open(otherAlice));
        assertInstanceOf(ChatException.class, e);
        assertTrue(e.getMessage().contains("another identity"), e.getMessage());
        Throwable call = failure(history.page(BOB, Long.MAX_VALUE, 10));
        assertInstanceOf(ChatException.class, call);
        assertEquals(e.getMessage(), call.getMessage());
        history.onEvent(added(outgoing(BOB, "2", "not written", 2)));
        close();

        openAs(alice);
        assertEquals(List.of("for alice only"), texts(await(history.page(BOB, Long.MAX_VALUE, 10))));
    }

    @Test
    void aFileThatIsNotAHistoryFailsCleanly() throws Exception {
        Files.writeString(home.resolve(LocalHistory.FILE_NAME), "this is not an MVStore file at all ".repeat(200));
        history = new LocalHistory(home);
        Throwable e = failure(history.open(alice));
        assertInstanceOf(ChatException.class, e);
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    /** Tampering fails for that entry only: pages and exports show a notice in its place, search skips it. */
    @Test
    void aTamperedEntryIsReplacedByANotice() throws Exception {
        openAs(alice);
        history.onEvent(added(outgoing(BOB, "1", "first secret", 1)));
        history.onEvent(added(incoming(BOB, "bob", "2", "second secret", 2)));
        history.onEvent(added(incoming(BOB, "bob", "3", "third secret", 3)));
        close();

        rawEdit(entries -> {
            byte[] value = entries.get(2L).clone();
            value[value.length - 1] ^= 1; // flip one bit of the GCM tag
            entries.put(2L, value);
        });

        openAs(alice);
        List<HistoryEntry> page = await(history.page(BOB, Long.MAX_VALUE, 10));
        assertEquals(List.of("first secret", HistoryStore.DAMAGED, "third secret"), texts(page));
        assertEquals(HistoryEntry.Kind.NOTICE, page.get(1).kind());
        assertEquals(2, page.get(1).seq());
        assertEquals(List.of("third secret", "first secret"), texts(await(history.search("secret", 10))));
        Path file = home.resolve("export.txt");
        assertEquals(3, await(history.export(BOB, file, ExportFormat.TEXT)));
        assertTrue(Files.readString(file).contains(HistoryStore.DAMAGED));
        // a status change for a damaged entry leaves it alone
        history.onEvent(new ChatEvent.MessageStatusChanged(BOB, "2", ChatMessage.Status.SENT, null));
        assertEquals(HistoryStore.DAMAGED, await(history.page(BOB, Long.MAX_VALUE, 10)).get(1).text());
    }

    @Test
    void entriesCannotBeMovedToAnotherSeqOrConversation() throws Exception {
        openAs(alice);
        history.onEvent(added(outgoing(BOB, "1", "to bob", 1)));
        history.onEvent(added(outgoing(CAROL, "2", "to carol", 2)));
        history.onEvent(added(outgoing(BOB, "3", "to bob again", 3)));
        close();

        rawEdit(entries -> entries.put(3L, entries.get(1L))); // replay entry 1 as entry 3
        openAs(alice);
        assertEquals(List.of("to bob", HistoryStore.DAMAGED), texts(await(history.page(BOB, Long.MAX_VALUE, 10))));
        close();

        // add carol's (authentic) entry 2 to bob's index: it is not shown as part of bob's conversation
        try (MVStore raw = new MVStore.Builder().fileName(home.resolve(LocalHistory.FILE_NAME).toString()).open()) {
            MVMap<String, Long> index = raw.openMap("by-conversation");
            String bobFirst = index.keySet().stream().filter(k -> index.get(k) == 1L).findFirst().orElseThrow();
            index.put(bobFirst.substring(0, bobFirst.indexOf('/')) + "/" + String.format("%016x", 2), 2L);
        }
        openAs(alice);
        assertEquals(List.of("to bob", HistoryStore.DAMAGED, HistoryStore.DAMAGED),
                texts(await(history.page(BOB, Long.MAX_VALUE, 10))));
        assertEquals(List.of("to carol"), texts(await(history.page(CAROL, Long.MAX_VALUE, 10))));
        assertEquals(List.of("to bob", "to carol"), texts(await(history.search("to", 10))).stream().sorted().toList());
    }

    @Test
    void entriesCannotBeCopiedFromAnotherHistoryOfTheSameIdentity(@TempDir Path otherHome) throws Exception {
        LocalHistory other = new LocalHistory(otherHome);
        await(other.open(alice));
        other.onEvent(added(outgoing(BOB, "1", "from the other file", 1)));
        await(other.count(BOB));
        other.shutdown();
        byte[] foreign;
        try (MVStore raw = new MVStore.Builder().fileName(otherHome.resolve(LocalHistory.FILE_NAME).toString())
                .open()) {
            foreign = raw.<Long, byte[]>openMap("entries").get(1L);
        }

        openAs(alice);
        history.onEvent(added(outgoing(BOB, "1", "from this file", 1)));
        close();
        rawEdit(entries -> entries.put(1L, foreign));
        openAs(alice);
        assertEquals(List.of(HistoryStore.DAMAGED), texts(await(history.page(BOB, Long.MAX_VALUE, 10))));
    }

    private void rawEdit(Consumer<MVMap<Long, byte[]>> edit) {
        try (MVStore raw = new MVStore.Builder().fileName(home.resolve(LocalHistory.FILE_NAME).toString()).open()) {
            edit.accept(raw.openMap("entries"));
        }
    }
}
