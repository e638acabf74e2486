package org.parley.chat.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.chat.internal.history.HistoryFixtures.BOB;
import static org.parley.chat.internal.history.HistoryFixtures.CAROL;
import static org.parley.chat.internal.history.HistoryFixtures.EVERYONE;
import static org.parley.chat.internal.history.HistoryFixtures.added;
import static org.parley.chat.internal.history.HistoryFixtures.await;
import static org.parley.chat.internal.history.HistoryFixtures.identity;
import static org.parley.chat.internal.history.HistoryFixtures.incoming;
import static org.parley.chat.internal.history.HistoryFixtures.outgoing;
import static org.parley.chat.internal.history.HistoryFixtures.texts;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.chat.ChatEvent;
import org.parley.chat.HistoryEntry;

class LocalHistorySearchTest {

    @TempDir
    Path home;

    private LocalHistory history;

    @BeforeEach
    void fill() {
        history = new LocalHistory(home);
        await(history.open(identity("alice")));
        history.onEvent(added(outgoing(BOB, "1", "Lunch at the Blue Door tomorrow?", 1)));
        history.onEvent(added(incoming(BOB, "bob", "2", "blue door is closed on mondays", 2)));
        history.onEvent(added(incoming(CAROL, "carol", "3", "The door was BLUE, right?", 3)));
        history.onEvent(new ChatEvent.Notice(EVERYONE, "bob changed the door code to blue-7", 4));
        history.onEvent(added(incoming(EVERYONE, "dave", "4", "red door", 5)));
        history.onEvent(added(incoming(CAROL, "carol", "5", "Ünïcode GRÜSSE", 6)));
    }

    @AfterEach
    void shutdown() {
        history.shutdown();
    }

    @Test
    void everyWordMustMatchInAnyCaseAcrossConversationsNewestFirst() {
        List<HistoryEntry> found = await(history.search("blue DOOR", 100));
        assertEquals(List.of("bob changed the door code to blue-7", "The door was BLUE, right?",
                "blue door is closed on mondays", "Lunch at the Blue Door tomorrow?"), texts(found));
        assertEquals(List.of(EVERYONE, CAROL, BOB, BOB), found.stream().map(HistoryEntry::conversation).toList());
        assertEquals(List.of(4L, 3L, 2L, 1L), found.stream().map(HistoryEntry::seq).toList());
    }

    @Test
    void wordsMatchInsideWordsAndInAnyOrder() {
        assertEquals(List.of("blue door is closed on mondays"), texts(await(history.search("  MONDAY   clos ", 10))));
        assertEquals(List.of("Ünïcode GRÜSSE"), texts(await(history.search("grüsse ünïcode", 10))));
    }

    @Test
    void theLimitKeepsTheNewest() {
        assertEquals(List.of("red door", "bob changed the door code to blue-7"), texts(await(history.search("door", 2))));
    }

    @Test
    void noMatchOrNoWordsFindsNothing() {
        assertEquals(List.of(), await(history.search("blue green", 10)));
        assertEquals(List.of(), await(history.search("   ", 10)));
        assertEquals(List.of(), await(history.search("", 10)));
    }

    @Test
    void onlyTheTextIsSearchedNotTheSender() {
        assertEquals(List.of(), await(history.search("dave", 10)));
    }
}
