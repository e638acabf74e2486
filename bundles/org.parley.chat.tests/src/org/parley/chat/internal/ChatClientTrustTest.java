package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.identity.SafetyNumber;
import org.parley.protocol.Frame;

/** {@link org.parley.chat.TrustService} through the client: accepting changed keys, verification, safety numbers. */
class ChatClientTrustTest extends ChatClientTestBase {

    @Test
    void acceptingAChangedKeyLetsMessagesFlowAgain() throws Exception {
        connectWithPeers();
        TestPeer newBob = bob.withNewIdentity();
        relay.push(Frame.Presence.join("bob", newBob.bundle()));
        assertThrows(ChatException.class, () -> client.acceptIdentityKey("carol"), "carol's key did not change");

        client.acceptIdentityKey("bob");

        assertEquals(Contact.Trust.TRUSTED, client.snapshot().contacts().get(0).trust());
        relay.push(newBob.deliver(remote, MAIN, aliceKey(MAIN), "m1", false, "new phone", clock.millis()));
        assertEquals("new phone", eventsOf(ChatEvent.MessageAdded.class).get(0).message().text());
        client.send(Conversation.with("bob"), "welcome back", MAIN).get();
        relay.push(Frame.Presence.join("bob", bob.bundle()));
        assertEquals(Contact.Trust.CHANGED, client.snapshot().contacts().get(0).trust(), "the old key is not trusted now");
    }

    @Test
    void verificationIsKeptAndResetByAKeyChange() throws Exception {
        connectWithPeers();
        client.setVerified("bob", true);
        assertEquals(Contact.Trust.VERIFIED, client.snapshot().contacts().get(0).trust());
        assertEquals(Contact.Trust.VERIFIED, eventsOf(ChatEvent.PresenceChanged.class).get(0).contact().trust());
        assertThrows(ChatException.class, () -> client.setVerified("nobody", true));

        relay.push(Frame.Presence.join("bob", bob.withNewIdentity().bundle()));
        assertThrows(ChatException.class, () -> client.setVerified("bob", true), "accept first");
        client.acceptIdentityKey("bob");
        assertEquals(Contact.Trust.TRUSTED, client.snapshot().contacts().get(0).trust());
    }

    @Test
    void pinsSurviveANewClientOnTheSameDataDirectory() throws Exception {
        connectWithPeers();
        client.setVerified("bob", true);
        client.disconnect();
        ChatClient later = newClient(Duration.ofSeconds(5));
        later.unlockIdentity(PASSPHRASE).get();
        later.connect(RELAY, "alice");
        relay.login(List.of(bob.entry(), carol.withNewIdentity().entry()));
        assertEquals(Contact.Trust.VERIFIED, later.snapshot().contacts().get(0).trust());
        assertEquals(Contact.Trust.CHANGED, later.snapshot().contacts().get(1).trust());
    }

    @Test
    void safetyNumberIsTheSameOnBothSides() throws Exception {
        assertEquals(Optional.empty(), client.safetyNumber("bob"), "bob is not known yet");
        connectWithPeers();
        byte[] aliceKey = relay.hello().bundle().identity().toByteArray();
        String expected = SafetyNumber.of("bob", bob.identity.publicKey(), "alice", aliceKey);
        assertEquals(Optional.of(expected), client.safetyNumber("bob"));
        assertTrue(expected.matches("([0-9]{5} ){11}[0-9]{5}"));
    }
}
