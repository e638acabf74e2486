package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.ConnectionState;
import org.parley.chat.Contact;
import org.parley.identity.Ed25519;
import org.parley.identity.IdentityFingerprint;
import org.parley.identity.SignedBytes;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Frame;

class ChatClientConnectionTest extends ChatClientTestBase {

    @Test
    void loginSendsASignedBundleAnswersTheChallengeAndCompletesOnWelcome() throws Exception {
        CompletableFuture<Void> login = client.connect(RELAY, "alice");

        Frame.Hello hello = relay.hello();
        assertEquals("alice", hello.user());
        assertEquals(List.of(MAIN, OTHER), List.copyOf(hello.bundle().keys().keySet()));
        TrustKeeper.verify("alice", hello.bundle()); // a bundle the relay can check
        assertEquals(client.identityStatus().fingerprint().orElseThrow(),
                IdentityFingerprint.of(hello.bundle().identity().toByteArray()));
        assertFalse(login.isDone(), "waits for challenge and welcome");

        Frame.Auth auth = relay.challenge();
        byte[] identityKey = hello.bundle().identity().toByteArray();
        Ed25519.verify(identityKey, SignedBytes.auth("alice", relay.nonce.toByteArray(), FakeRelay.FINGERPRINT),
                auth.sig().toByteArray());
        assertThrows(GeneralSecurityException.class, () -> Ed25519.verify(identityKey,
                SignedBytes.auth("alice", relay.nonce.toByteArray(), ""), auth.sig().toByteArray()),
                "bound to the certificate this connection saw");
        assertFalse(login.isDone());
        assertEquals(ConnectionState.CONNECTING, client.snapshot().state());

        relay.push(new Frame.Welcome(auth.id(), "alice", List.of(bob.entry())));

        assertTrue(login.isDone() && !login.isCompletedExceptionally());
        ChatSnapshot snapshot = client.snapshot();
        assertEquals(ConnectionState.CONNECTED, snapshot.state());
        assertEquals(Optional.of("alice"), snapshot.user());
        assertEquals(Optional.of(FakeRelay.FINGERPRINT), snapshot.relayFingerprint());
        assertEquals(List.of("bob"), snapshot.contacts().stream().map(Contact::user).toList());
        assertEquals(Contact.Trust.TRUSTED, snapshot.contacts().get(0).trust());
        assertEquals(IdentityFingerprint.of(bob.identity.publicKey()), snapshot.contacts().get(0).fingerprint());
        List<ChatEvent.ConnectionChanged> states = eventsOf(ChatEvent.ConnectionChanged.class);
        assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CONNECTED),
                states.stream().map(ChatEvent.ConnectionChanged::state).toList());
        assertTrue(states.get(1).detail().contains("TLSv1.3"), states.get(1).detail());
        assertEquals(1, eventsOf(ChatEvent.PresenceChanged.class).size());
    }

    @Test
    void aWelcomeThatAnswersNoChallengeIsIgnored() throws Exception {
        CompletableFuture<Void> login = client.connect(RELAY, "alice");
        relay.push(new Frame.Welcome(relay.hello().id(), "alice", List.of()));
        assertFalse(login.isDone(), "a relay must make the client prove its key first");
        relay.push(new Frame.Challenge("other-id", relay.nonce));
        assertEquals(1, relay.sent.size(), "a challenge for another hello is not answered");
    }

    @Test
    void connectNeedsAnUnlockedIdentityOfTheSameUser() throws Exception {
        ExecutionException other = assertThrows(ExecutionException.class, () -> client.connect(RELAY, "bob").get());
        assertTrue(other.getCause().getMessage().contains("belongs to 'alice'"), other.getCause().getMessage());
        ChatClient locked = newClient(Duration.ofSeconds(5));
        ExecutionException none = assertThrows(ExecutionException.class, () -> locked.connect(RELAY, "alice").get());
        assertInstanceOf(ChatException.class, none.getCause());
        assertTrue(none.getCause().getMessage().startsWith("No identity is unlocked"), none.getCause().getMessage());
        assertTrue(relay.dialed.isEmpty());
    }

    @Test
    void keyPairsLiveInTheIdentityAndSurviveReconnects() throws Exception {
        connectWithPeers();
        client.disconnect();
        client.connect(RELAY, "alice");
        assertEquals(1, main.generated.get());
        assertEquals(1, other.generated.get());
        assertEquals(((Frame.Hello) relay.frame(0)).bundle().keys(), relay.hello().bundle().keys(), "same keys again");
    }

    @Test
    void aSchemeInstalledLaterGetsAKeyThatIsSavedInTheIdentity() throws Exception {
        FakeScheme late = new FakeScheme("late-scheme");
        registry.add(late);
        client.connect(RELAY, "alice");
        assertTrue(relay.hello().bundle().keys().containsKey("late-scheme"));
        ChatClient again = newClient(Duration.ofSeconds(5));
        again.unlockIdentity(PASSPHRASE).get();
        again.connect(RELAY, "alice");
        assertEquals(1, late.generated.get(), "generated once, then read from the identity file");
    }

    @Test
    void loginTimesOutWithAClearMessage() throws Exception {
        ChatClient slow = newClient(Duration.ofMillis(50));
        slow.unlockIdentity(PASSPHRASE).get();
        CompletableFuture<Void> login = slow.connect(RELAY, "alice");
        ExecutionException e = assertThrows(ExecutionException.class, () -> login.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ChatException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("did not answer the login"), e.getCause().getMessage());
        assertEquals(ConnectionState.FAILED, slow.snapshot().state());
        assertTrue(relay.closedByClient);
    }

    @Test
    void refusedLoginFailsWithTheRelaysMessage() throws Exception {
        CompletableFuture<Void> login = client.connect(RELAY, "alice");
        relay.push(new Frame.Error(ErrorCode.NAME_TAKEN, "alice is already online", Optional.of(relay.hello().id())));
        ExecutionException e = assertThrows(ExecutionException.class, login::get);
        assertEquals("The relay refused the login: alice is already online", e.getCause().getMessage());
        assertEquals(ConnectionState.FAILED, client.snapshot().state());
    }

    @Test
    void dialFailureFailsTheLogin() {
        relay.dialFailure = new IOException("The TLS certificate of relay relay.test:8765 has changed");
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect(RELAY, "alice").get());
        assertTrue(e.getCause().getMessage().contains("has changed"));
        assertEquals(ConnectionState.FAILED, client.snapshot().state());
    }

    @Test
    void invalidUserNameIsRefusedBeforeDialling() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect(RELAY, "al ice").get());
        assertInstanceOf(ChatException.class, e.getCause());
        assertTrue(relay.dialed.isEmpty());
    }

    @Test
    void secondConnectWhileConnectedIsRefused() throws Exception {
        connectWithPeers();
        ExecutionException e = assertThrows(ExecutionException.class, () -> client.connect(RELAY, "alice").get());
        assertTrue(e.getCause().getMessage().contains("disconnect first"));
    }

    @Test
    void noSchemesMeansNoLogin() throws Exception {
        ChatClient bare = newClient(new SchemeRegistry(), Duration.ofSeconds(5));
        bare.unlockIdentity(PASSPHRASE).get();
        ExecutionException e = assertThrows(ExecutionException.class, () -> bare.connect(RELAY, "alice").get());
        assertTrue(e.getCause().getMessage().contains("No encryption scheme"));
        assertTrue(relay.dialed.isEmpty());
    }

    @Test
    void presenceUpdatesDirectoryAndWritesNotices() throws Exception {
        connectWithPeers();
        relay.push(Frame.Presence.join("dave", new TestPeer("dave", bob.keys).bundle()));
        relay.push(Frame.Presence.leave("bob"));

        assertEquals(List.of("carol", "dave", "bob"), client.snapshot().contacts().stream().map(Contact::user).toList(),
                "bob stays known, offline, after the online contacts");
        assertEquals(List.of(true, true, false), client.snapshot().contacts().stream().map(Contact::online).toList());
        List<ChatEvent.PresenceChanged> presence = eventsOf(ChatEvent.PresenceChanged.class);
        assertEquals("dave", presence.get(0).contact().user());
        assertTrue(presence.get(0).online());
        assertEquals("bob", presence.get(1).contact().user());
        assertFalse(presence.get(1).online());
        assertEquals(List.of("Everyone: dave joined", "dave: dave joined", "Everyone: bob left", "bob: bob left"),
                notices());
    }

    @Test
    void newEncryptionKeysUnderTheSameIdentityAreQuietlyAccepted() throws Exception {
        connectWithPeers();
        TestPeer reinstalled = new TestPeer("bob", bob.identity, carol.keys);
        relay.push(Frame.Presence.join("bob", reinstalled.bundle()));
        assertEquals(List.of(), notices());
        assertEquals(List.of(OTHER), client.snapshot().contacts().get(0).schemes());
        assertEquals(Contact.Trust.TRUSTED, client.snapshot().contacts().get(0).trust());
    }

    @Test
    void relayClosingAfterLoginReconnectsAndKeepsPendingMessages() throws Exception {
        connectWithPeers();
        String id = client.send(org.parley.chat.Conversation.with("bob"), "hi", MAIN).get().id();
        relay.inbound.onClosed("The relay closed the connection (1001: going away)", true);

        ChatSnapshot snapshot = client.snapshot();
        assertEquals(ConnectionState.RECONNECTING, snapshot.state());
        assertTrue(snapshot.contacts().isEmpty());
        assertTrue(eventsOf(ChatEvent.MessageStatusChanged.class).isEmpty(), id + " waits to be resent");
        assertEquals(2, eventsOf(ChatEvent.PresenceChanged.class).stream().filter(p -> !p.online()).count());
        assertEquals("retrying in 0.5 s (attempt 1)", eventsOf(ChatEvent.ConnectionChanged.class).get(0).detail());
        assertEquals(List.of("Everyone: Lost the connection to the relay: The relay closed the connection (1001: "
                + "going away)"), notices());
    }

    @Test
    void relayClosingDuringTheFirstLoginFailsWithoutRetrying() throws Exception {
        CompletableFuture<Void> login = client.connect(RELAY, "alice");
        relay.inbound.onClosed("The relay closed the connection (1008: login timeout)", true);
        ExecutionException e = assertThrows(ExecutionException.class, login::get);
        assertEquals("The relay closed the connection (1008: login timeout)", e.getCause().getMessage());
        assertEquals(ConnectionState.FAILED, client.snapshot().state());
        assertEquals(0, scheduler.waiting(), "a first connect that fails is reported, not retried");
    }

    @Test
    void disconnectClosesTheLinkAndIgnoresLateFrames() throws Exception {
        connectWithPeers();
        RelayLink.Inbound old = relay.inbound;
        client.disconnect();
        assertTrue(relay.closedByClient);
        assertEquals(ConnectionState.DISCONNECTED, client.snapshot().state());
        events.clear();
        old.onText(relay.codec.encode(Frame.Presence.join("eve", new TestPeer("eve", bob.keys).bundle())));
        assertTrue(events.isEmpty(), "frames of an ended session are ignored");
    }

    @Test
    void invalidFrameFromRelayBecomesANotice() throws Exception {
        connectWithPeers();
        relay.inbound.onText("{\"type\":\"deliver\",\"v\":2}");
        assertEquals(1, notices().size());
        assertTrue(notices().get(0).startsWith("Everyone: Ignored an invalid message from the relay (bad-frame)"));
    }

    @Test
    void aFailingListenerDoesNotStopOthers() throws Exception {
        Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> { });
        try {
            client.addListener(e -> {
                throw new IllegalStateException("boom");
            });
            client.addListener(events::add);
            connectWithPeers();
            relay.push(Frame.Presence.leave("bob"));
            assertEquals(2, eventsOf(ChatEvent.PresenceChanged.class).size(), "both copies of the listener ran");
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(previous);
        }
    }
}
