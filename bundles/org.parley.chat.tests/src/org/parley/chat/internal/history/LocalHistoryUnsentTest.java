package org.parley.chat.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.parley.chat.internal.history.HistoryFixtures.BOB;
import static org.parley.chat.internal.history.HistoryFixtures.CAROL;
import static org.parley.chat.internal.history.HistoryFixtures.EVERYONE;
import static org.parley.chat.internal.history.HistoryFixtures.added;
import static org.parley.chat.internal.history.HistoryFixtures.await;
import static org.parley.chat.internal.history.HistoryFixtures.identity;
import static org.parley.chat.internal.history.HistoryFixtures.incoming;
import static org.parley.chat.internal.history.HistoryFixtures.outgoing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.chat.ChatMessage.Status;
import org.parley.chat.Conversation;
import org.parley.identity.Identity;

/** The history's index of the local user's messages still SENDING, which a restart sends again. */
class LocalHistoryUnsentTest {

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

    private void reopen() {
        history.shutdown();
        history = new LocalHistory(home);
        await(history.open(alice));
    }

    private static ChatEvent status(Conversation c, String id, Status status) {
        return new ChatEvent.MessageStatusChanged(c, id, status, null);
    }

    private List<String> unsentIds() {
        return await(history.unsent()).stream().map(ChatMessage::id).toList();
    }

    @Test
    void onlyTheLocalUsersSendingMessagesAreUnsentOldestFirstAcrossARestart() {
        history.onEvent(added(outgoing(BOB, "m1", "first", 1000)));
        history.onEvent(added(incoming(BOB, "bob", "b1", "an incoming one is never unsent", 2000)));
        history.onEvent(added(outgoing(EVERYONE, "m2", "second", 3000)));
        history.onEvent(added(outgoing(CAROL, "m3", "accepted", 4000)));
        history.onEvent(status(CAROL, "m3", Status.SENT));
        history.onEvent(added(outgoing(BOB, "m4", "delivered", 5000)));
        history.onEvent(status(BOB, "m4", Status.SENT));
        history.onEvent(status(BOB, "m4", Status.DELIVERED));

        reopen();

        List<ChatMessage> unsent = await(history.unsent());
        assertEquals(List.of(outgoing(BOB, "m1", "first", 1000), outgoing(EVERYONE, "m2", "second", 3000)), unsent,
                "whole messages (text, scheme, time) in the order they were written");
    }

    @Test
    void aMessageSentAgainIsUnsentUntilTheRelayAcceptsItOrItFails() {
        history.onEvent(added(outgoing(BOB, "m1", "hello", 1000)));
        history.onEvent(status(BOB, "m1", Status.FAILED));
        assertEquals(List.of(), unsentIds(), "a failed message waits for the user, not for a restart");

        history.onEvent(status(BOB, "m1", Status.SENDING)); // "Send again"
        assertEquals(List.of("m1"), unsentIds());
        assertEquals(Status.SENDING, await(history.unsent()).get(0).status());

        history.onEvent(status(BOB, "m1", Status.SENT));
        assertEquals(List.of(), unsentIds());
        history.onEvent(status(BOB, "m1", Status.SENDING));
        history.onEvent(status(BOB, "m1", Status.FAILED));
        reopen();
        assertEquals(List.of(), unsentIds());
    }

    @Test
    void theIndexShowsNeitherIdsNorWhichEntriesAreUnsentAndIgnoresTampering() throws Exception {
        history.onEvent(added(outgoing(BOB, "unsent-one", "a", 1000)));
        history.onEvent(added(outgoing(BOB, "unsent-two", "b", 2000)));
        history.onEvent(added(outgoing(CAROL, "unsent-three", "c", 3000)));
        history.shutdown();

        byte[] file = Files.readAllBytes(home.resolve(LocalHistory.FILE_NAME));
        assertFalse(new String(file, StandardCharsets.ISO_8859_1).contains("unsent-one"), "ids are sealed");
        List<byte[]> values = new ArrayList<>();
        try (MVStore raw = new MVStore.Builder().fileName(home.resolve(LocalHistory.FILE_NAME).toString()).open()) {
            MVMap<String, byte[]> index = raw.openMap("unsent");
            MVMap<String, Long> messageIds = raw.openMap("message-ids");
            assertEquals(3, index.size());
            for (String tag : index.keySet()) {
                assertFalse(messageIds.containsKey(tag), "its keys are not the message tags of message-ids");
                values.add(index.get(tag));
            }
            // swap two sealed seqs: each now names another entry than its tag
            List<String> tags = new ArrayList<>(index.keySet());
            index.put(tags.get(0), values.get(1));
            index.put(tags.get(1), values.get(0));
            raw.commit();
        }
        history = new LocalHistory(home);
        await(history.open(alice));

        // tags are HMACs, so which two messages were swapped is unknown here; the third one is still found
        assertEquals(1, unsentIds().size(), "the two swapped index entries are left out: " + unsentIds());
    }
}
