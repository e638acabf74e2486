package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Frame;

/** Receipts (SENT → DELIVERED), refusals in {@code sent}, and the {@code ack} for every delivery. */
class ChatClientDeliveryTest extends ChatClientTestBase {

    private final List<String> receipts = new CopyOnWriteArrayList<>();

    private void connect() throws Exception {
        client.addReceiptObserver((id, user, ts) -> receipts.add(id + " " + user));
        connectWithPeers();
    }

    private List<String> statuses() {
        return eventsOf(ChatEvent.MessageStatusChanged.class).stream().map(s -> s.status() + " " + s.detail())
                .collect(Collectors.toList());
    }

    @Test
    void aDirectMessageIsDeliveredOnItsPeersReceipt() throws Exception {
        connect();
        String id = client.send(Conversation.with("bob"), "hi", MAIN).get().id();
        relay.push(new Frame.Sent(id, 5, List.of("bob")));
        relay.push(new Frame.Receipt(id, "bob", 6));
        relay.push(new Frame.Receipt(id, "bob", 7)); // a repeat changes nothing

        assertEquals(List.of("SENT handed to bob", "DELIVERED delivered to bob"), statuses());
        List<ChatEvent.MessageStatusChanged> changes = eventsOf(ChatEvent.MessageStatusChanged.class);
        assertEquals(Conversation.with("bob"), changes.get(1).conversation());
        assertEquals(id, changes.get(1).messageId());
        assertEquals(List.of(id + " bob"), receipts);
    }

    @Test
    void aReceiptThatOvertakesItsSentStillCounts() throws Exception {
        connect();
        String id = client.send(Conversation.with("bob"), "hi", MAIN).get().id();
        relay.push(new Frame.Receipt(id, "bob", 6));
        assertEquals(List.of(), statuses());
        relay.push(new Frame.Sent(id, 5, List.of("bob")));
        assertEquals(List.of("SENT handed to bob", "DELIVERED delivered to bob"), statuses());
    }

    @Test
    void aMessageForSeveralIsDeliveredWhenAllReceipted() throws Exception {
        connect();
        relay.push(Frame.Presence.join("dave", new TestPeer("dave", bob.keys).bundle()));
        events.clear();
        ChatMessage m = client.send(Conversation.everyone(), "hi all", MAIN).get();
        assertEquals(List.of("bob", "dave"), ((Frame.Send) relay.lastFrame()).to());
        relay.push(new Frame.Sent(m.id(), 5, List.of("bob", "dave")));
        relay.push(new Frame.Receipt(m.id(), "dave", 6));
        assertEquals(List.of("SENT handed to bob, dave"), statuses());
        relay.push(new Frame.Receipt(m.id(), "bob", 7));
        assertEquals(List.of("SENT handed to bob, dave", "DELIVERED delivered to all 2 recipients"), statuses());
        assertEquals(List.of(m.id() + " dave", m.id() + " bob"), receipts);
    }

    @Test
    void aQueuedRecipientIsWaitedForLikeAnOnlineOne() throws Exception {
        connect();
        String id = client.send(Conversation.with("bob"), "hi", MAIN).get().id();
        relay.push(new Frame.Sent(id, 5, List.of(), List.of("bob"), List.of()));
        relay.push(new Frame.Receipt(id, "bob", 9));
        assertEquals(List.of("SENT stored for bob (offline)", "DELIVERED delivered to bob"), statuses());
    }

    @Test
    void aMessageEveryRecipientRefusedFailsWithTheReasons() throws Exception {
        connect();
        String id = client.send(Conversation.with("bob"), "hi", MAIN).get().id();
        relay.push(new Frame.Sent(id, 5, List.of(), List.of(),
                List.of(new Frame.Sent.Refusal("bob", ErrorCode.QUEUE_FULL))));
        assertEquals(List.of("FAILED bob: queue-full"), statuses());
        relay.push(new Frame.Receipt(id, "bob", 9));
        assertEquals(1, statuses().size(), "nothing follows a failure");
    }

    @Test
    void aPartialRefusalIsANoticeAndIsNotWaitedFor() throws Exception {
        connect();
        relay.push(Frame.Presence.join("dave", new TestPeer("dave", bob.keys).bundle()));
        events.clear();
        String id = client.send(Conversation.everyone(), "hi all", MAIN).get().id();
        relay.push(new Frame.Sent(id, 5, List.of("bob"), List.of(),
                List.of(new Frame.Sent.Refusal("dave", ErrorCode.UNKNOWN_RECIPIENT))));
        relay.push(new Frame.Receipt(id, "bob", 6));
        assertEquals(List.of("SENT handed to bob", "DELIVERED delivered to bob"), statuses());
        assertEquals(List.of("Everyone: not delivered to dave: never registered"), notices());
    }

    @Test
    void aRelayErrorNamingTheMessageFailsIt() throws Exception {
        connect();
        String id = client.send(Conversation.with("bob"), "hi", MAIN).get().id();
        relay.push(new Frame.Error(ErrorCode.RATE_LIMITED, "slow down", Optional.of(id)));
        relay.push(new Frame.Sent(id, 5, List.of("bob"))); // too late: it already failed
        assertEquals(List.of("FAILED slow down"), statuses());
    }

    @Test
    void everyDeliveryIsAckedOpenedRefusedOrRepeated() throws Exception {
        connect();
        int before = relay.sent.size();
        Frame.Deliver good = deliver("m1", bob, false, "hi");
        relay.push(good);
        relay.push(good); // a repeat: dropped by the replay guard, acked again so the relay forgets it
        relay.push(bob.signed("m2", false, MAIN, new byte[] { 1 }, clock.millis() - 8 * 24 * 3_600_000L)); // too old
        Frame.Deliver forged = new Frame.Deliver("m3", "carol", good.ts(), good.to(), false, MAIN, good.body(),
                good.cts(), good.sig());
        relay.push(forged);
        relay.push(new TestPeer("stranger", bob.keys).signed("m4", false, MAIN, new byte[] { 1 }, clock.millis()));

        assertEquals(List.of(new Frame.Ack("m1", "bob"), new Frame.Ack("m1", "bob"), new Frame.Ack("m2", "bob"),
                new Frame.Ack("m3", "carol"), new Frame.Ack("m4", "stranger")), relay.framesFrom(before));
        assertEquals(1, eventsOf(ChatEvent.MessageAdded.class).size());
        assertTrue(notices().size() == 4, notices().toString());
    }
}
