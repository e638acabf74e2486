package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.ChatMessage;
import org.parley.chat.ConnectionState;
import org.parley.chat.Conversation;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SealRequest;
import org.parley.identity.Ed25519;
import org.parley.identity.SignedBytes;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Frame;

class ChatClientMessagesTest extends ChatClientTestBase {

    @Test
    void sendToPeerSealsOnceWithProtocolAssociatedData() throws Exception {
        connectWithPeers();
        ChatMessage message = client.send(Conversation.with("bob"), "hello bob", MAIN).get();

        Frame.Send frame = (Frame.Send) relay.lastFrame();
        assertEquals(message.id(), frame.id());
        assertEquals(List.of("bob"), frame.to());
        assertFalse(frame.everyone());
        assertEquals(MAIN, frame.scheme());
        SealRequest sealed = main.lastSeal();
        assertEquals(1, main.sealed.size(), "sealed once");
        assertEquals("parley-msg-v2\n" + message.id() + "\nalice\n" + MAIN,
                new String(sealed.associatedData(), StandardCharsets.UTF_8));
        assertEquals(List.of(new Recipient("bob", bob.keys.get(MAIN))), sealed.recipients());
        assertEquals(clock.millis(), frame.cts());
        Ed25519.verify(relay.hello().bundle().identity().toByteArray(), SignedBytes.envelope("alice", frame.id(), MAIN,
                false, List.of("bob"), frame.cts(), frame.body().toByteArray()), frame.sig().toByteArray());
        assertFalse(relay.sent.get(relay.sent.size() - 1).contains("hello bob"), "no plaintext on the wire");
        assertTrue(message.id().matches("[0-9a-f-]{36}"), "a random UUID");
        assertEquals(ChatMessage.Status.SENDING, message.status());
        assertTrue(message.outgoing());
        assertEquals(message, eventsOf(ChatEvent.MessageAdded.class).get(0).message());
    }

    @Test
    void sentConfirmsAndErrorFailsTheMessage() throws Exception {
        connectWithPeers();
        ChatMessage first = client.send(Conversation.with("bob"), "one", MAIN).get();
        ChatMessage second = client.send(Conversation.with("bob"), "two", MAIN).get();
        relay.push(new Frame.Sent(first.id(), 5, List.of("bob")));
        relay.push(new Frame.Error(ErrorCode.NO_RECIPIENTS, "none of the recipients is online", Optional.of(second.id())));
        relay.push(new Frame.Sent(first.id(), 6, List.of("bob"))); // repeated: ignored

        List<ChatEvent.MessageStatusChanged> changes = eventsOf(ChatEvent.MessageStatusChanged.class);
        assertEquals(2, changes.size());
        assertEquals(first.id(), changes.get(0).messageId());
        assertEquals(ChatMessage.Status.SENT, changes.get(0).status());
        assertEquals(Conversation.with("bob"), changes.get(0).conversation());
        assertEquals(second.id(), changes.get(1).messageId());
        assertEquals(ChatMessage.Status.FAILED, changes.get(1).status());
        assertEquals("none of the recipients is online", changes.get(1).detail());
    }

    @Test
    void errorWithoutAPendingRefBecomesANotice() throws Exception {
        connectWithPeers();
        relay.push(new Frame.Error("too-fast", "slow down", Optional.empty()));
        assertEquals(List.of("Everyone: The relay reported an error: slow down"), notices());
    }

    @Test
    void sendToEveryoneSealsForEveryOnlineUserWithAKeyForTheScheme() throws Exception {
        connectWithPeers();
        client.send(Conversation.everyone(), "hi all", OTHER).get();
        Frame.Send frame = (Frame.Send) relay.lastFrame();
        assertTrue(frame.everyone());
        assertEquals(List.of("carol"), frame.to(), "bob has no key for test-b");

        client.send(Conversation.everyone(), "hi all", MAIN).get();
        assertEquals(List.of("bob"), ((Frame.Send) relay.lastFrame()).to());
    }

    @Test
    void sendIsValidated() throws Exception {
        assertEquals("Not connected to a relay.", failure(Conversation.with("bob"), "x", MAIN));
        connectWithPeers();
        int before = relay.sent.size();
        assertEquals("The encryption scheme 'nope' is not installed.", failure(Conversation.with("bob"), "x", "nope"));
        assertEquals("dave is not online, and no verified key bundle of dave is known here.",
                failure(Conversation.with("dave"), "x", MAIN));
        assertTrue(failure(Conversation.with("carol"), "x", MAIN).startsWith("carol cannot receive"));
        assertTrue(failure(Conversation.with("alice"), "x", MAIN).contains("yourself"));
        assertTrue(failure(Conversation.with("bob"), "é".repeat(32 * 1024) + "x", MAIN).contains("too long"));
        relay.push(Frame.Presence.leave("bob"));
        assertTrue(failure(Conversation.everyone(), "x", MAIN).startsWith("Nobody online"));
        assertEquals(before, relay.sent.size(), "nothing was sent");
        assertTrue(eventsOf(ChatEvent.MessageAdded.class).isEmpty());
    }

    @Test
    void longestAllowedTextIsSent() throws Exception {
        connectWithPeers();
        String text = "é".repeat(32 * 1024);
        assertEquals(text, client.send(Conversation.with("bob"), text, MAIN).get().text());
    }

    @Test
    void deliverOpensIntoTheSendersConversation() throws Exception {
        connectWithPeers();
        relay.push(deliver("m1", bob, false, "hi alice"));
        relay.push(deliver("m2", bob, true, "hi all"));

        List<ChatEvent.MessageAdded> added = eventsOf(ChatEvent.MessageAdded.class);
        ChatMessage direct = added.get(0).message();
        assertEquals(Conversation.with("bob"), direct.conversation());
        assertEquals("hi alice", direct.text());
        assertEquals("bob", direct.sender());
        assertEquals(1795000000000L, direct.timestamp());
        assertEquals(ChatMessage.Status.RECEIVED, direct.status());
        assertFalse(direct.outgoing());
        assertEquals(Conversation.everyone(), added.get(1).message().conversation());
    }

    @Test
    void repeatedDeliveryIsShownOnce() throws Exception {
        connectWithPeers();
        Frame.Deliver d = deliver("m1", bob, false, "once");
        relay.push(d);
        relay.push(d);
        assertEquals(1, eventsOf(ChatEvent.MessageAdded.class).size());
        assertEquals(List.of("bob: A repeated message from bob was dropped (replay or duplicate)"), notices());
        relay.push(deliver("m1", carol, false, "same id, other sender"));
        assertEquals(2, eventsOf(ChatEvent.MessageAdded.class).size(), "dedupe is per sender");
    }

    @Test
    void messageInAnUninstalledSchemeBecomesANotice() throws Exception {
        connectWithPeers();
        relay.push(bob.signed("m1", false, "pq-kyber", new byte[] { 1 }, clock.millis()));
        assertEquals(List.of("bob: A message from bob was refused: it is encrypted with 'pq-kyber', which is not "
                + "installed here. Ask the sender which encryption plugin provides it, and install that plugin from "
                + "Parley > Encryption Plugins…"), notices());
        assertTrue(eventsOf(ChatEvent.MessageAdded.class).isEmpty());
    }

    @Test
    void aBodyThatFailsToOpenBecomesANoticeWithTheReason() throws Exception {
        connectWithPeers();
        byte[] body = deliver("m1", bob, false, "secret text").body().toByteArray();
        body[body.length - 1] ^= 1; // bob (not the relay) sent a broken body: the signature covers it
        relay.push(bob.signed("m1", false, MAIN, body, clock.millis()));

        assertEquals(List.of("bob: A message from bob could not be opened with '" + MAIN + "': authentication failed"),
                notices());
        assertTrue(eventsOf(ChatEvent.MessageAdded.class).isEmpty());
        assertFalse(notices().get(0).contains("secret"), "never the plaintext");
    }

    @Test
    void schemesListsTheDefaultFirstAndFollowsTheRegistry() throws Exception {
        assertEquals(List.of(MAIN, OTHER), ids());
        FakeScheme late = new FakeScheme("a-late-one");
        registry.add(late);
        assertEquals(List.of(MAIN, "a-late-one", OTHER), ids());
        registry.remove(other);
        assertEquals(List.of(MAIN, "a-late-one"), ids());
        connectWithPeers();
        assertEquals("The encryption scheme 'test-b' is not installed.", failure(Conversation.everyone(), "x", OTHER));
    }

    private List<String> ids() {
        return client.schemes().stream().map(s -> s.id()).toList();
    }

    private String failure(Conversation conversation, String text, String scheme) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.send(conversation, text, scheme).get());
        assertTrue(e.getCause() instanceof ChatException, e.getCause().toString());
        return e.getCause().getMessage();
    }

    @Test
    void plaintextIsWipedAfterSealing() throws Exception {
        connectWithPeers();
        client.send(Conversation.with("bob"), "wipe me", MAIN).get();
        assertArrayEquals(new byte[7], main.lastSeal().plaintext(), "the client zeroes its plaintext copy");
    }

    @Test
    void aSchemeInstalledWhileConnectedIsPublishedByLoggingInAgain() throws Exception {
        connectWithPeers();
        assertFalse(relay.hello().bundle().keys().containsKey("a-late-one"));
        int hellos = hellosSent();

        registry.add(new FakeScheme("a-late-one")); // a plugin installed into the running client
        client.schemesChanged();

        assertEquals(hellos + 1, hellosSent(), "a new login");
        assertTrue(relay.hello().bundle().keys().containsKey("a-late-one"), "its bundle carries the new key");
        assertEquals(ConnectionState.RECONNECTING, client.snapshot().state());
        relay.login(List.of(bob.entry(), carol.entry()));
        assertEquals(ConnectionState.CONNECTED, client.snapshot().state());
        assertTrue(notices().stream().anyMatch(n -> n.contains("a-late-one") && n.contains("publish")), notices().toString());

        client.schemesChanged(); // nothing new to publish
        assertEquals(hellos + 1, hellosSent(), "no login without a new scheme");
    }

    private int hellosSent() throws Exception {
        int n = 0;
        for (Frame f : relay.framesFrom(0)) {
            n += f instanceof Frame.Hello ? 1 : 0;
        }
        return n;
    }

    @Test
    void aMessageInASchemeNotInstalledSaysWhichPluginToInstall() throws Exception {
        connectWithPeers();
        FakeScheme pq = new FakeScheme("x25519-mlkem768-aes-gcm");
        relay.push(bob.deliver(pq, "x25519-mlkem768-aes-gcm", aliceKey(MAIN), "m-pq", false, "hi", clock.millis()));
        relay.push(bob.deliver(pq, "rot13", aliceKey(MAIN), "m-rot", false, "hi", clock.millis()));

        assertTrue(eventsOf(ChatEvent.MessageAdded.class).isEmpty());
        List<String> notices = notices();
        assertEquals(2, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("'x25519-mlkem768-aes-gcm'")
                && notices.get(0).contains("Parley post-quantum encryption plugin")
                && notices.get(0).contains("Encryption Plugins"), notices.get(0));
        assertTrue(notices.get(1).contains("'rot13'") && notices.get(1).contains("Ask the sender"), notices.get(1));
    }
}
