package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.parley.chat.ChatEvent;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.protocol.Frame;

/**
 * Store and forward for real users (PROTOCOL.md §3): contacts remembered from an earlier session can
 * be written to and heard from while offline, stored messages up to 7 days old open, and a replay after
 * a restart is still caught.
 */
class ChatClientStoreAndForwardTest extends ChatClientTestBase {

    private static final long HOUR = 3_600_000;
    private static final long DAY = 24 * HOUR;

    /** Meets bob and carol once, then restarts on the same data directory with only carol online. */
    private ChatClient restartWithBobOffline() throws Exception {
        connectWithPeers();
        client.disconnect();
        ChatClient later = newClient(Duration.ofSeconds(5));
        later.unlockIdentity(PASSPHRASE).get();
        later.connect(RELAY, "alice");
        relay.login(List.of(carol.entry()));
        events.clear();
        return later;
    }

    @Test
    void offlineKnownContactsAreListedAfterTheOnlineOnes() throws Exception {
        ChatClient later = restartWithBobOffline();
        List<Contact> contacts = later.snapshot().contacts();
        assertEquals(List.of("carol", "bob"), contacts.stream().map(Contact::user).toList());
        assertTrue(contacts.get(0).online());
        assertEquals(false, contacts.get(1).online());
        assertEquals(Contact.Trust.TRUSTED, contacts.get(1).trust());
        assertEquals(List.of(MAIN), contacts.get(1).schemes());

        relay.push(Frame.Presence.join("bob", bob.bundle()));
        assertEquals(List.of("bob", "carol"), later.snapshot().contacts().stream().map(Contact::user).toList());
        assertTrue(later.snapshot().contacts().stream().allMatch(Contact::online));
        relay.push(Frame.Presence.leave("bob"));
        assertEquals(false, eventsOf(ChatEvent.PresenceChanged.class).get(1).contact().online());
        assertEquals(List.of("carol", "bob"), later.snapshot().contacts().stream().map(Contact::user).toList());
    }

    @Test
    void aMessageToAnOfflineKnownContactIsSealedForItsRememberedKeysAndQueued() throws Exception {
        ChatClient later = restartWithBobOffline();
        main.sealed.clear();
        String id = later.send(Conversation.with("bob"), "see you", MAIN).get().id();

        Frame.Send frame = (Frame.Send) relay.lastFrame();
        assertEquals(List.of("bob"), frame.to());
        assertEquals(1, main.sealed.size());
        assertEquals("bob", main.sealed.get(0).recipients().get(0).user());
        assertArrayEquals(bob.keys.get(MAIN), main.sealed.get(0).recipients().get(0).publicKey());
        relay.push(new Frame.Sent(id, 5, List.of(), List.of("bob"), List.of()));
        assertEquals("SENT stored for bob (offline)",
                eventsOf(ChatEvent.MessageStatusChanged.class).stream().map(s -> s.status() + " " + s.detail())
                        .findFirst().orElseThrow());

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> later.send(Conversation.everyone(), "all", MAIN).get());
        assertTrue(e.getCause().getMessage().startsWith("Nobody online"), "everyone means online users only");
    }

    @Test
    void aStoredMessageFromAnOfflineSenderAnHourOldIsVerifiedShownAndNotReplayableAfterARestart() throws Exception {
        ChatClient later = restartWithBobOffline();
        Frame.Deliver stored = bob.deliver(remote, MAIN, aliceKey(MAIN), "m1", false, "while you were away",
                clock.millis() - HOUR);
        int before = relay.sent.size();
        relay.push(stored);
        assertEquals("while you were away", eventsOf(ChatEvent.MessageAdded.class).get(0).message().text());
        assertEquals(new Frame.Ack("m1", "bob"), relay.frame(before));
        assertEquals(List.of(), notices());

        later.disconnect();
        ChatClient again = newClient(Duration.ofSeconds(5));
        again.unlockIdentity(PASSPHRASE).get();
        again.connect(RELAY, "alice");
        relay.login(List.of());
        events.clear();
        relay.push(stored); // the relay delivers it once more after the restart
        assertEquals(List.of(), eventsOf(ChatEvent.MessageAdded.class));
        assertEquals(List.of("bob: A repeated message from bob was dropped (replay or duplicate)"), notices());
        assertEquals(new Frame.Ack("m1", "bob"), relay.lastFrame());
    }

    @Test
    void aStoredMessageOlderThanSevenDaysIsRefused() throws Exception {
        restartWithBobOffline();
        relay.push(bob.deliver(remote, MAIN, aliceKey(MAIN), "m1", false, "too late", clock.millis() - 7 * DAY - 1));
        relay.push(bob.deliver(remote, MAIN, aliceKey(MAIN), "m2", false, "just in time", clock.millis() - 7 * DAY));
        assertEquals(List.of("just in time"), eventsOf(ChatEvent.MessageAdded.class).stream()
                .map(m -> m.message().text()).toList());
        assertEquals(List.of("bob: A message from bob was refused: its time is more than 5 minutes ahead or more "
                + "than 7 days old (an old message replayed, or a clock is wrong)"), notices());
    }

    @Test
    void aMessageTheReplayJournalCannotRecordIsHeldAndNotAcked() throws Exception {
        java.nio.file.Path blocker = home.resolve("blocker");
        java.nio.file.Files.writeString(blocker, "not a directory");
        ChatClient failing = new ChatClient(registry, relay, Runnable::run, Duration.ofSeconds(5),
                new org.parley.identity.IdentityStore(home, FAST), org.parley.identity.TrustStore.inMemory(),
                org.parley.identity.ContactBook.inMemory(),
                org.parley.identity.ReplayGuard.persistent(clock, blocker.resolve("journal")), clock, backoff,
                scheduler);
        failing.addListener(events::add);
        failing.unlockIdentity(PASSPHRASE).get();
        failing.connect(RELAY, "alice");
        relay.login(List.of(bob.entry()));
        events.clear();
        int before = relay.sent.size();
        relay.push(deliver("m1", bob, false, "hi"));
        assertEquals(List.of(), eventsOf(ChatEvent.MessageAdded.class));
        assertEquals(before, relay.sent.size(), "not acked: the relay delivers it again after the next login");
        assertTrue(notices().get(0).startsWith("bob: A message from bob is held: the replay journal"), notices().get(0));
    }

    @Test
    void anOfflineSenderIsVerifiedAgainstThePinnedKeyOnly() throws Exception {
        restartWithBobOffline();
        TestPeer impostor = bob.withNewIdentity();
        relay.push(impostor.deliver(remote, MAIN, aliceKey(MAIN), "m1", false, "it's me", clock.millis()));
        assertEquals(List.of(), eventsOf(ChatEvent.MessageAdded.class));
        assertEquals(List.of("bob: A message from bob was refused: its signature does not verify (forged or modified)"),
                notices());
    }

    @Test
    void aBundleWithAChangedKeyIsNotRemembered() throws Exception {
        connectWithPeers();
        relay.push(Frame.Presence.join("bob", bob.withNewIdentity().bundle())); // CHANGED: held
        relay.push(Frame.Presence.leave("bob"));
        Contact offline = client.snapshot().contacts().get(1);
        assertEquals("bob", offline.user());
        assertEquals(Contact.Trust.CHANGED, offline.trust(), "held until the user decides, online or not");
        assertTrue(offline.fingerprint().equals(org.parley.identity.IdentityFingerprint.of(bob.identity.publicKey())),
                "the remembered bundle is still the pinned one");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.send(Conversation.with("bob"), "x", MAIN).get());
        assertTrue(e.getCause().getMessage().startsWith("bob's identity key changed"), e.getCause().getMessage());
    }
}
