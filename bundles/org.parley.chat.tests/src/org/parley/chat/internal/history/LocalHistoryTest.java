package org.parley.chat.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.chat.internal.history.HistoryFixtures.BOB;
import static org.parley.chat.internal.history.HistoryFixtures.CAROL;
import static org.parley.chat.internal.history.HistoryFixtures.EVERYONE;
import static org.parley.chat.internal.history.HistoryFixtures.added;
import static org.parley.chat.internal.history.HistoryFixtures.await;
import static org.parley.chat.internal.history.HistoryFixtures.failure;
import static org.parley.chat.internal.history.HistoryFixtures.identity;
import static org.parley.chat.internal.history.HistoryFixtures.incoming;
import static org.parley.chat.internal.history.HistoryFixtures.outgoing;
import static org.parley.chat.internal.history.HistoryFixtures.texts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.ChatMessage;
import org.parley.chat.HistoryEntry;
import org.parley.identity.Identity;

class LocalHistoryTest {

    @TempDir
    Path home;

    private final Identity alice = identity("alice");
    private LocalHistory history;

    @BeforeEach
    void openHistory() {
        history = new LocalHistory(home);
        await(history.open(alice));
    }

    @AfterEach
    void shutdown() {
        history.shutdown();
    }

    @Test
    void entriesSurviveCloseAndReopenInOrder() throws Exception {
        history.onEvent(added(outgoing(EVERYONE, "m1", "hello everyone", 1000)));
        history.onEvent(added(incoming(EVERYONE, "bob", "b1", "hi alice", 2000)));
        history.onEvent(new ChatEvent.Notice(EVERYONE, "carol joined", 3000));
        history.onEvent(added(outgoing(BOB, "m2", "a direct word", 4000)));
        List<HistoryEntry> before = await(history.page(EVERYONE, Long.MAX_VALUE, 100));

        await(history.lock());
        history.shutdown();
        assertTrue(Files.isRegularFile(home.resolve(LocalHistory.FILE_NAME)));
        history = new LocalHistory(home);
        await(history.open(alice));

        List<HistoryEntry> after = await(history.page(EVERYONE, Long.MAX_VALUE, 100));
        assertEquals(before, after);
        assertEquals(List.of("hello everyone", "hi alice", "carol joined"), texts(after));
        HistoryEntry first = after.get(0);
        assertEquals(HistoryEntry.Kind.MESSAGE, first.kind());
        assertEquals(outgoing(EVERYONE, "m1", "hello everyone", 1000), first.message());
        assertEquals(1000, first.timestamp());
        HistoryEntry second = after.get(1);
        assertEquals("bob", second.message().sender());
        assertFalse(second.message().outgoing());
        assertEquals(ChatMessage.Status.RECEIVED, second.message().status());
        HistoryEntry notice = after.get(2);
        assertEquals(HistoryEntry.Kind.NOTICE, notice.kind());
        assertNull(notice.message());
        assertEquals(3000, notice.timestamp());
        assertTrue(first.seq() < second.seq() && second.seq() < notice.seq());
        assertEquals(List.of("a direct word"), texts(await(history.page(BOB, Long.MAX_VALUE, 100))));
        assertEquals(3, await(history.count(EVERYONE)));
        assertEquals(1, await(history.count(BOB)));
        assertEquals(0, await(history.count(CAROL)));
    }

    @Test
    void theFileIsOwnerOnly() throws Exception {
        Path file = home.resolve(LocalHistory.FILE_NAME);
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        history.onEvent(added(outgoing(BOB, "m1", "x", 1)));
        await(history.lock());
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
        try (var files = Files.list(home)) {
            assertEquals(List.of(file), files.toList(), "no other files next to it");
        }
    }

    @Test
    void statusChangesUpdateTheStoredMessage() {
        history.onEvent(added(outgoing(BOB, "m1", "are you there", 1000)));
        history.onEvent(new ChatEvent.MessageStatusChanged(BOB, "m1", ChatMessage.Status.SENT, "stored"));
        assertEquals(ChatMessage.Status.SENT, await(history.page(BOB, Long.MAX_VALUE, 10)).get(0).message().status());
        history.onEvent(new ChatEvent.MessageStatusChanged(BOB, "m1", ChatMessage.Status.DELIVERED, null));
        HistoryEntry entry = await(history.page(BOB, Long.MAX_VALUE, 10)).get(0);
        assertEquals(ChatMessage.Status.DELIVERED, entry.message().status());
        assertEquals("are you there", entry.text());
        assertEquals(1, await(history.count(BOB)), "an update adds no entry");

        // an unknown id, or the same id in another conversation, changes nothing
        history.onEvent(new ChatEvent.MessageStatusChanged(BOB, "nope", ChatMessage.Status.FAILED, "x"));
        history.onEvent(new ChatEvent.MessageStatusChanged(CAROL, "m1", ChatMessage.Status.FAILED, "x"));
        assertEquals(ChatMessage.Status.DELIVERED, await(history.page(BOB, Long.MAX_VALUE, 10)).get(0).message().status());
        assertEquals(0, await(history.count(CAROL)));
    }

    @Test
    void statusUpdatesOnlyTouchTheLocalUsersMessage() {
        // bob reuses alice's message id in Everyone: a status change (always about alice's messages) must hit hers
        history.onEvent(added(outgoing(EVERYONE, "same", "mine", 1)));
        history.onEvent(added(incoming(EVERYONE, "bob", "same", "his", 2)));
        history.onEvent(new ChatEvent.MessageStatusChanged(EVERYONE, "same", ChatMessage.Status.FAILED, "x"));
        List<HistoryEntry> page = await(history.page(EVERYONE, Long.MAX_VALUE, 10));
        assertEquals(List.of("mine", "his"), texts(page));
        assertEquals(ChatMessage.Status.FAILED, page.get(0).message().status());
        assertEquals(ChatMessage.Status.RECEIVED, page.get(1).message().status());
    }

    @Test
    void noticesAreEntriesOfTheirConversation() {
        history.onEvent(new ChatEvent.Notice(BOB, "bob's identity key changed", 5));
        history.onEvent(new ChatEvent.Notice(EVERYONE, "bob joined", 6));
        List<HistoryEntry> bob = await(history.page(BOB, Long.MAX_VALUE, 10));
        assertEquals(1, bob.size());
        assertEquals(HistoryEntry.Kind.NOTICE, bob.get(0).kind());
        assertEquals("bob's identity key changed", bob.get(0).notice());
        assertEquals(BOB, bob.get(0).conversation());
        assertEquals(List.of("bob joined"), texts(await(history.page(EVERYONE, Long.MAX_VALUE, 10))));
    }

    @Test
    void aRepeatedMessageIsRecordedOnce() {
        ChatMessage m = incoming(BOB, "bob", "b1", "only once", 10);
        history.onEvent(added(m));
        history.onEvent(added(m));
        history.onEvent(added(m.withStatus(ChatMessage.Status.RECEIVED)));
        assertEquals(1, await(history.count(BOB)));
        // the same id in another conversation, or from another sender, is another message
        history.onEvent(added(incoming(CAROL, "carol", "b1", "carol's", 11)));
        history.onEvent(added(incoming(BOB, "mallory", "b1", "spoof", 12)));
        assertEquals(1, await(history.count(CAROL)));
        assertEquals(2, await(history.count(BOB)));
        // also after a reopen
        await(history.lock());
        await(history.open(alice));
        history.onEvent(added(m));
        assertEquals(2, await(history.count(BOB)));
    }

    @Test
    void pagesWalkBackwardsOldestFirstWithinAPage() {
        for (int i = 1; i <= 25; i++) {
            history.onEvent(added(incoming(BOB, "bob", "b" + i, "msg " + i, i)));
            history.onEvent(added(incoming(CAROL, "carol", "c" + i, "other " + i, i))); // interleaved seqs
        }
        List<HistoryEntry> newest = await(history.page(BOB, Long.MAX_VALUE, 10));
        assertEquals(List.of("msg 16", "msg 17", "msg 18", "msg 19", "msg 20", "msg 21", "msg 22", "msg 23",
                "msg 24", "msg 25"), texts(newest));
        List<HistoryEntry> older = await(history.page(BOB, newest.get(0).seq(), 10));
        assertEquals("msg 6", older.get(0).text());
        assertEquals("msg 15", older.get(9).text());
        List<HistoryEntry> oldest = await(history.page(BOB, older.get(0).seq(), 10));
        assertEquals(List.of("msg 1", "msg 2", "msg 3", "msg 4", "msg 5"), texts(oldest));
        assertEquals(List.of(), await(history.page(BOB, oldest.get(0).seq(), 10)), "nothing before the first");
        assertEquals(List.of(), await(history.page(BOB, 1, 10)));
        assertEquals(List.of(), await(history.page(BOB, 0, 10)));
        assertEquals(List.of(), await(history.page(BOB, Long.MIN_VALUE, 10)));
        // beforeSeq is exclusive, and need not be a seq of this conversation
        long seventh = newest.get(1).seq(); // msg 17
        assertEquals(List.of("msg 16"), texts(await(history.page(BOB, seventh, 1))));
        assertEquals(List.of("msg 16", "msg 17"), texts(await(history.page(BOB, seventh + 1, 2))));
        assertEquals(List.of("msg 1"), texts(await(history.page(BOB, Long.MAX_VALUE, 1000)).subList(0, 1)));
        assertEquals(25, await(history.page(BOB, Long.MAX_VALUE, 1000)).size());
        assertEquals(25, await(history.count(BOB)));
        assertEquals(List.of(), await(history.page(HistoryFixtures.EVERYONE, Long.MAX_VALUE, 10)));
    }

    @Test
    void limitsAreBounded() {
        for (int bad : new int[] { 0, -1, LocalHistory.MAX_LIMIT + 1 }) {
            assertInstanceOf(ChatException.class, failure(history.page(BOB, Long.MAX_VALUE, bad)));
            assertInstanceOf(ChatException.class, failure(history.search("x", bad)));
        }
        Throwable tooLong = failure(history.search("x".repeat(SearchQuery.MAX_CHARS + 1), 10));
        assertInstanceOf(ChatException.class, tooLong);
        assertTrue(tooLong.getMessage().contains("at most"), tooLong.getMessage());
    }

    @Test
    void conversationsAreListedMostRecentlyActiveFirst() {
        history.onEvent(added(incoming(BOB, "bob", "1", "a", 1)));
        history.onEvent(added(incoming(CAROL, "carol", "2", "b", 2)));
        history.onEvent(new ChatEvent.Notice(EVERYONE, "x joined", 3));
        assertEquals(List.of(EVERYONE, CAROL, BOB), await(history.conversations()));
        history.onEvent(added(outgoing(BOB, "3", "c", 4)));
        assertEquals(List.of(BOB, EVERYONE, CAROL), await(history.conversations()));
        // a status change is not activity
        history.onEvent(added(outgoing(CAROL, "4", "d", 5)));
        history.onEvent(new ChatEvent.MessageStatusChanged(BOB, "3", ChatMessage.Status.SENT, null));
        assertEquals(List.of(CAROL, BOB, EVERYONE), await(history.conversations()));
    }

    @Test
    void whileLockedNothingIsReadOrWritten() throws Exception {
        history.onEvent(added(outgoing(BOB, "1", "before", 1)));
        await(history.lock());
        history.onEvent(added(outgoing(BOB, "2", "while locked", 2)));
        for (var call : List.of(history.count(BOB), history.page(BOB, Long.MAX_VALUE, 10), history.search("x", 10),
                history.conversations(), history.export(BOB, home.resolve("out.txt"),
                        LocalHistory.ExportFormat.TEXT))) {
            Throwable e = failure(call);
            assertInstanceOf(ChatException.class, e);
            assertEquals(LocalHistory.LOCKED_MESSAGE, e.getMessage());
        }
        assertFalse(Files.exists(home.resolve("out.txt")));
        await(history.open(alice));
        assertEquals(List.of("before"), texts(await(history.page(BOB, Long.MAX_VALUE, 10))));
    }

    @Test
    void afterShutdownCallsFailAndEventsAreIgnored() {
        history.shutdown();
        history.onEvent(added(outgoing(BOB, "1", "late", 1)));
        Throwable e = failure(history.count(BOB));
        assertInstanceOf(ChatException.class, e);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        history.shutdown(); // idempotent
    }

    @Test
    void openingTwiceInOneProcessIsRefusedClearly() {
        LocalHistory second = new LocalHistory(home);
        try {
            Throwable e = failure(second.open(alice));
            assertInstanceOf(ChatException.class, e);
            assertTrue(e.getMessage().contains("in use"), e.getMessage());
            assertEquals(e.getMessage(), failure(second.count(BOB)).getMessage());
        } finally {
            second.shutdown();
        }
    }

    @Test
    void otherEventsAreIgnored() {
        history.onEvent(new ChatEvent.ConnectionChanged(org.parley.chat.ConnectionState.CONNECTED, "relay"));
        assertEquals(List.of(), await(history.conversations()));
        assertThrows(NullPointerException.class, () -> history.count(null));
    }
}
