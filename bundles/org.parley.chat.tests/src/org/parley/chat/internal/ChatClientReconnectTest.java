package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.ChatMessage;
import org.parley.chat.ConnectionState;
import org.parley.chat.Conversation;
import org.parley.identity.Ed25519;
import org.parley.identity.IdentityStore;
import org.parley.identity.SignedBytes;
import org.parley.identity.TrustStore;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Frame;
import org.parley.protocol.KeyBundle;
import org.parley.transport.CertificatePinException;
import org.parley.transport.TransportException;

/** Losing the connection: backoff, login again, resend with the same id, and when not to reconnect. */
class ChatClientReconnectTest extends ChatClientTestBase {

    private List<String> states() {
        return eventsOf(ChatEvent.ConnectionChanged.class).stream().map(c -> c.state() + " " + c.detail())
                .collect(Collectors.toList());
    }

    private List<Frame.Send> sends(int from) throws Exception {
        return relay.framesFrom(from).stream().filter(Frame.Send.class::isInstance).map(Frame.Send.class::cast)
                .collect(Collectors.toList());
    }

    @Test
    void aDroppedLinkIsReopenedAndUnacceptedMessagesAreResentWithTheSameId() throws Exception {
        connectWithPeers();
        ChatMessage accepted = client.send(Conversation.with("bob"), "one", MAIN).get();
        ChatMessage unaccepted = client.send(Conversation.with("bob"), "two", MAIN).get();
        String originalJson = relay.sent.get(relay.sent.size() - 1);
        relay.push(new Frame.Sent(accepted.id(), 5, List.of("bob")));

        relay.drop("the connection to the relay broke: connection reset");
        assertEquals(ConnectionState.RECONNECTING, client.snapshot().state());
        assertEquals(List.of(Duration.ofMillis(500)), scheduler.delays);
        assertEquals(1, relay.dialed.size(), "waits for the backoff");

        int before = relay.sent.size();
        scheduler.runNext();
        assertEquals(2, relay.dialed.size());
        relay.login(List.of(bob.entry()));

        assertEquals(List.of("RECONNECTING retrying in 0.5 s (attempt 1)",
                "CONNECTED Connected to " + RELAY + " as alice over TLSv1.3"), states());
        assertEquals(ConnectionState.CONNECTED, client.snapshot().state());
        List<String> afterLogin = relay.sent.subList(before + 2, relay.sent.size()); // after hello and auth
        assertEquals(List.of(originalJson), afterLogin, "the same frame, byte for byte: id, cts and signature");
        assertEquals(List.of("SENT handed to bob"), eventsOf(ChatEvent.MessageStatusChanged.class).stream()
                .map(s -> s.status() + " " + s.detail()).collect(Collectors.toList()));
        relay.push(new Frame.Sent(unaccepted.id(), 9, List.of("bob")));
        assertEquals(ChatMessage.Status.SENT, eventsOf(ChatEvent.MessageStatusChanged.class).get(1).status());
    }

    @Test
    void backoffDoublesUpToTheCapAndStartsOverAfterALogin() throws Exception {
        connectWithPeers();
        relay.drop("broken");
        relay.dialFailure = new IOException("Could not connect to relay relay.test:8765: connection refused");
        for (int i = 0; i < 8; i++) {
            scheduler.runNext();
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L),
                scheduler.delays.stream().map(Duration::toMillis).collect(Collectors.toList()));
        assertEquals("RECONNECTING retrying in 4 s (attempt 4)", states().get(3));
        assertEquals(1, notices().size(), "one notice for the loss, not one per attempt");

        relay.dialFailure = null;
        scheduler.runNext();
        relay.login(List.of());
        assertEquals(ConnectionState.CONNECTED, client.snapshot().state());
        relay.drop("broken again");
        assertEquals(Duration.ofMillis(500), scheduler.delays.get(scheduler.delays.size() - 1));
    }

    @Test
    void backoffHasFullJitter() {
        Backoff jittered = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> 0.25);
        assertEquals(Duration.ofMillis(1000), jittered.delay(4));
        assertEquals(Duration.ofMillis(7500), jittered.delay(40));
        assertEquals(Duration.ofSeconds(30), Backoff.standard().ceiling(1000));
        assertTrue(Backoff.standard().delay(3).toMillis() <= 2000);
        assertThrows(IllegalArgumentException.class, () -> jittered.delay(0));
    }

    @Test
    void aLoginThatTimesOutWhileReconnectingIsRetried() throws Exception {
        ChatClient quick = newClient(Duration.ofMillis(20));
        quick.unlockIdentity(PASSPHRASE).get();
        quick.connect(RELAY, "alice");
        relay.login(List.of());
        relay.drop("broken");
        scheduler.runNext(); // dials; the relay never answers the hello
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (scheduler.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, scheduler.waiting(), "another attempt is scheduled");
        assertEquals(ConnectionState.RECONNECTING, quick.snapshot().state());
    }

    @Test
    void nameTakenAfterADropIsRetriedBecauseTheRelayMayStillHoldTheOldConnection() throws Exception {
        connectWithPeers();
        relay.drop("broken");
        scheduler.runNext();
        relay.push(new Frame.Error(ErrorCode.NAME_TAKEN, "alice is already online", Optional.of(relay.hello().id())));
        assertEquals(ConnectionState.RECONNECTING, client.snapshot().state());
        assertEquals(1, scheduler.waiting());
        assertTrue(relay.closedByClient, "the refused connection is closed");
    }

    @Test
    void noReconnectAfterTheUsersDisconnect() throws Exception {
        connectWithPeers();
        ChatMessage m = client.send(Conversation.with("bob"), "hi", MAIN).get();
        client.disconnect();
        assertEquals(0, scheduler.waiting());
        assertEquals(ConnectionState.DISCONNECTED, client.snapshot().state());
        assertEquals(ChatMessage.Status.FAILED, eventsOf(ChatEvent.MessageStatusChanged.class).get(0).status());
        assertEquals(m.id(), eventsOf(ChatEvent.MessageStatusChanged.class).get(0).messageId());
    }

    @Test
    void disconnectWhileWaitingToReconnectStopsTheRetries() throws Exception {
        connectWithPeers();
        client.send(Conversation.with("bob"), "hi", MAIN).get();
        relay.drop("broken");
        client.disconnect();
        assertEquals(ConnectionState.DISCONNECTED, client.snapshot().state());
        assertEquals(ChatMessage.Status.FAILED, eventsOf(ChatEvent.MessageStatusChanged.class).get(0).status());
        scheduler.runNext(); // the attempt that was already waiting
        assertEquals(1, relay.dialed.size(), "nothing dialled after disconnect");
        client.connect(RELAY, "alice"); // and the user may connect again
        assertEquals(2, relay.dialed.size());
    }

    @Test
    void noReconnectWhenTheRelayCertificateChanged() throws Exception {
        connectWithPeers();
        client.send(Conversation.with("bob"), "hi", MAIN).get();
        relay.drop("broken");
        CertificatePinException pin = new CertificatePinException("The TLS certificate of relay relay.test:8765 has "
                + "changed", "relay.test:8765", "aa".repeat(32), "bb".repeat(32));
        relay.dialFailure = new TransportException(pin.getMessage(), pin);
        scheduler.runNext();
        assertEquals(ConnectionState.FAILED, client.snapshot().state());
        assertEquals(0, scheduler.waiting());
        assertEquals(ChatMessage.Status.FAILED, eventsOf(ChatEvent.MessageStatusChanged.class).get(0).status());
    }

    @Test
    void noReconnectWhenTheRelayRefusesTheIdentity() throws Exception {
        connectWithPeers();
        relay.drop("broken");
        scheduler.runNext();
        relay.push(new Frame.Error(ErrorCode.NAME_REGISTERED, "alice belongs to another key",
                Optional.of(relay.hello().id())));
        assertEquals(ConnectionState.FAILED, client.snapshot().state());
        assertEquals("FAILED The relay refused the login: alice belongs to another key",
                states().get(states().size() - 1));
        assertEquals(0, scheduler.waiting());
    }

    @Test
    void sendingWhileReconnectingFailsFast() throws Exception {
        connectWithPeers();
        relay.drop("broken");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.send(Conversation.with("bob"), "hi", MAIN).get());
        assertInstanceOf(ChatException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("reconnecting"), e.getCause().getMessage());
        ExecutionException busy = assertThrows(ExecutionException.class, () -> client.connect(RELAY, "alice").get());
        assertTrue(busy.getCause().getMessage().startsWith("Reconnecting to"), busy.getCause().getMessage());
    }

    @Test
    void aResentMessageOlderThanTheWindowIsSignedAgainWithTheSameIdAndBody() throws Exception {
        connectWithPeers();
        ChatMessage m = client.send(Conversation.with("bob"), "late", MAIN).get();
        Frame.Send first = (Frame.Send) relay.lastFrame();
        relay.drop("broken");
        clock.millis += 6 * 60_000;
        int before = relay.sent.size();
        scheduler.runNext();
        relay.login(List.of(bob.entry()));

        List<Frame.Send> resent = sends(before);
        assertEquals(1, resent.size());
        Frame.Send again = resent.get(0);
        assertEquals(m.id(), again.id());
        assertEquals(first.body(), again.body());
        assertEquals(first.to(), again.to());
        assertEquals(clock.millis(), again.cts());
        assertNotEquals(first.sig(), again.sig());
        Ed25519.verify(relay.hello().bundle().identity().toByteArray(), SignedBytes.envelope("alice", m.id(), MAIN,
                false, List.of("bob"), again.cts(), again.body().toByteArray()), again.sig().toByteArray());
    }

    @TempDir
    Path bobHome;

    /**
     * Two real clients through a relay played by the test, whose links both drop mid-stream: every message
     * is shown exactly once, and every delivery (repeats included) is acked.
     */
    @Test
    void everyMessageArrivesExactlyOnceWhenLinksDropMidStream() throws Exception {
        FakeRelay relayB = new FakeRelay();
        ManualScheduler schedulerB = new ManualScheduler();
        ChatClient bobClient = new ChatClient(SchemeRegistry.of(new FakeScheme(MAIN)), relayB, Runnable::run,
                Duration.ofSeconds(30), new IdentityStore(bobHome, FAST),
                TrustStore.inMemory(), clock, backoff, schedulerB);
        List<String> shown = new CopyOnWriteArrayList<>();
        bobClient.addListener(e -> {
            if (e instanceof ChatEvent.MessageAdded a && !a.message().outgoing()) {
                shown.add(a.message().text());
            }
        });
        bobClient.createIdentity("bob", PASSPHRASE).get();
        bobClient.connect(RELAY, "bob");
        KeyBundle.Entry bobEntry = new KeyBundle.Entry("bob", relayB.hello().bundle());
        client.connect(RELAY, "alice");
        relay.login(List.of(bobEntry));
        KeyBundle.Entry aliceEntry = new KeyBundle.Entry("alice", relay.hello().bundle());
        relayB.login(List.of(aliceEntry));

        List<String> ids = new CopyOnWriteArrayList<>();
        for (String text : List.of("one", "two", "three")) {
            ids.add(client.send(Conversation.with("bob"), text, MAIN).get().id());
        }
        List<Frame.Send> written = sends(0);
        // the relay stored and forwarded "one" and "two", but only "one"'s sent reached alice; "three" was lost
        relayB.push(toDeliver(written.get(0)));
        relayB.push(toDeliver(written.get(1)));
        relay.push(new Frame.Sent(ids.get(0), 1, List.of("bob")));
        relay.drop("connection reset");
        relayB.drop("connection reset"); // bob's acks for "two" are lost with his link, so it comes again

        int aliceBefore = relay.sent.size();
        scheduler.runNext();
        relay.login(List.of(bobEntry));
        List<Frame.Send> resent = sends(aliceBefore);
        assertEquals(List.of(ids.get(1), ids.get(2)), resent.stream().map(Frame.Send::id).collect(Collectors.toList()));

        int bobBefore = relayB.sent.size();
        schedulerB.runNext();
        relayB.login(List.of(aliceEntry));
        relayB.push(toDeliver(written.get(1))); // the stored copy, delivered again after bob's login
        resent.forEach(s -> relayB.push(toDeliver(s))); // and the resent copies: "two" a third time

        assertEquals(List.of("one", "two", "three"), shown, "each exactly once, in order");
        List<Frame> bobAcks = relayB.framesFrom(bobBefore).stream().filter(Frame.Ack.class::isInstance)
                .collect(Collectors.toList());
        assertEquals(List.of(new Frame.Ack(ids.get(1), "alice"), new Frame.Ack(ids.get(1), "alice"),
                new Frame.Ack(ids.get(2), "alice")), bobAcks, "repeats are acked too");
        assertFalse(eventsOf(ChatEvent.MessageStatusChanged.class).stream()
                .anyMatch(s -> s.status() == ChatMessage.Status.FAILED), "nothing failed on alice's side");
    }

    private Frame.Deliver toDeliver(Frame.Send s) {
        return new Frame.Deliver(s.id(), "alice", clock.millis(), s.to(), s.everyone(), s.scheme(), s.body(), s.cts(),
                s.sig());
    }
}
