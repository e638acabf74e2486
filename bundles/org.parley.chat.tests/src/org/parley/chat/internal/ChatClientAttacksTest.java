package org.parley.chat.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.identity.SignedKeyBundle;
import org.parley.protocol.Bytes;
import org.parley.protocol.Frame;
import org.parley.protocol.KeyBundle;

/**
 * A malicious relay, played by the fake: every attack of PROTOCOL.md §4.4-4.6 must be refused with a
 * notice that names the reason, and never show a message. Each test fails if its defence is removed.
 */
class ChatClientAttacksTest extends ChatClientTestBase {

    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;
    private final TestPeer mallory = new TestPeer("mallory", bob.keys);

    @Test
    void forgedSenderIsRefused() throws Exception {
        connectWithPeers();
        // mallory seals for alice with bob's associated data and signs with her own key: only the signature tells
        Frame.Deliver forged = mallory.deliver(remote, MAIN, aliceKey(MAIN), "m1", false, "pay mallory", clock.millis());
        relay.push(new Frame.Deliver("m1", "bob", forged.ts(), forged.to(), false, MAIN, forged.body(), forged.cts(),
                forged.sig()));
        TestPeer bobByMallory = new TestPeer("bob", mallory.identity, bob.keys);
        relay.push(bobByMallory.deliver(remote, MAIN, aliceKey(MAIN), "m2", false, "pay mallory", clock.millis()));

        assertNothingShown();
        assertEquals(List.of("bob: A message from bob was refused: its signature does not verify (forged or modified)",
                "bob: A message from bob was refused: its signature does not verify (forged or modified)"), notices());
    }

    @Test
    void tamperedSignatureIsRefused() throws Exception {
        connectWithPeers();
        Frame.Deliver good = deliver("m1", bob, false, "hi");
        byte[] sig = good.sig().toByteArray();
        sig[10] ^= 1;
        relay.push(new Frame.Deliver("m1", "bob", good.ts(), good.to(), false, MAIN, good.body(), good.cts(),
                Bytes.of(sig)));
        assertNothingShown();
        assertTrue(notices().get(0).endsWith("its signature does not verify (forged or modified)"), notices().toString());
        relay.push(good);
        assertEquals(1, eventsOf(ChatEvent.MessageAdded.class).size(), "a forgery does not suppress the original");
    }

    @Test
    void tamperedCiphertextOrRecipientsBreakTheSignature() throws Exception {
        connectWithPeers();
        Frame.Deliver good = deliver("m1", bob, false, "hi");
        byte[] body = good.body().toByteArray();
        body[body.length - 1] ^= 1;
        relay.push(new Frame.Deliver("m1", "bob", good.ts(), good.to(), false, MAIN, Bytes.of(body), good.cts(),
                good.sig()));
        relay.push(new Frame.Deliver("m1", "bob", good.ts(), List.of("alice", "eve"), false, MAIN, good.body(),
                good.cts(), good.sig()));
        relay.push(new Frame.Deliver("m1", "bob", good.ts(), good.to(), true, MAIN, good.body(), good.cts(), good.sig()));
        assertNothingShown();
        assertEquals(3, notices().stream().filter(n -> n.endsWith("does not verify (forged or modified)")).count());
    }

    @Test
    void substitutedBundleMakesTheContactChangedAndHoldsMessages() throws Exception {
        connectWithPeers();
        TestPeer fakeBob = bob.withNewIdentity(); // keys signed by another identity for a known user
        relay.push(Frame.Presence.join("bob", fakeBob.bundle()));

        Contact contact = client.snapshot().contacts().get(0);
        assertEquals("bob", contact.user());
        assertEquals(Contact.Trust.CHANGED, contact.trust());
        String warning = "bob's identity key changed — messages are held until you accept the new key";
        assertEquals(List.of("Everyone: " + warning, "bob: " + warning), notices());

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.send(Conversation.with("bob"), "to the impostor?", MAIN).get());
        assertTrue(e.getCause() instanceof ChatException);
        assertTrue(e.getCause().getMessage().startsWith("bob's identity key changed"), e.getCause().getMessage());
        assertTrue(main.sealed.isEmpty(), "nothing was sealed for the substituted key");
        assertThrows(ExecutionException.class, () -> client.send(Conversation.everyone(), "all", MAIN).get(),
                "bob is left out of everyone; nobody else has the scheme");

        relay.push(fakeBob.deliver(remote, MAIN, aliceKey(MAIN), "m1", false, "it's me", clock.millis()));
        assertNothingShown();
        assertTrue(notices().get(2).startsWith("bob: A message from bob is held"), notices().toString());
    }

    @Test
    void welcomeWithASubstitutedBundleIsChangedFromTheStart() throws Exception {
        connectWithPeers(); // pins bob
        client.disconnect();
        client.connect(RELAY, "alice");
        events.clear();
        relay.login(List.of(bob.withNewIdentity().entry()));
        assertEquals(Contact.Trust.CHANGED, client.snapshot().contacts().get(0).trust());
        assertEquals(2, notices().size());
    }

    @Test
    void bundleWithABadSignatureIsIgnored() throws Exception {
        connectWithPeers();
        KeyBundle good = new TestPeer("dave", bob.keys).bundle();
        byte[] sig = good.sig().toByteArray();
        sig[0] ^= 1;
        relay.push(Frame.Presence.join("dave", new KeyBundle(good.identity(), good.keys(), good.created(), Bytes.of(sig))));
        // bob's real bundle re-labelled as carol's: signed for another user name
        relay.push(Frame.Presence.join("carol", bob.bundle()));

        assertEquals(List.of("bob", "carol"), client.snapshot().contacts().stream().map(Contact::user).toList());
        assertEquals(List.of(OTHER), client.snapshot().contacts().get(1).schemes(), "carol's keys untouched");
        assertEquals(2, notices().size());
        assertTrue(notices().get(0).startsWith("Everyone: Ignored dave's key bundle from the relay: its signature"));
        assertTrue(eventsOf(ChatEvent.PresenceChanged.class).isEmpty());
    }

    @Test
    void replayedDeliveryIsDropped() throws Exception {
        connectWithPeers();
        Frame.Deliver d = deliver("m1", bob, false, "once");
        relay.push(d);
        clock.millis += 6 * DAY;
        relay.push(d); // a replay within the age limit: caught by the seen-set
        clock.millis += 1 * DAY + 1;
        relay.push(d); // a replay after it: caught by the clock

        assertEquals(1, eventsOf(ChatEvent.MessageAdded.class).size());
        assertEquals(List.of("bob: A repeated message from bob was dropped (replay or duplicate)",
                "bob: A message from bob was refused: its time is more than 5 minutes ahead or more than 7 days old "
                        + "(an old message replayed, or a clock is wrong)"), notices());
    }

    @Test
    void messagesTooFarAheadOrOlderThanSevenDaysAreRefused() throws Exception {
        connectWithPeers();
        relay.push(bob.deliver(remote, MAIN, aliceKey(MAIN), "old", false, "x", clock.millis() - 7 * DAY - 1));
        relay.push(bob.deliver(remote, MAIN, aliceKey(MAIN), "future", false, "x", clock.millis() + 5 * MINUTE + 1));
        relay.push(bob.deliver(remote, MAIN, aliceKey(MAIN), "edge", false, "ok", clock.millis() - 7 * DAY));
        relay.push(bob.deliver(remote, MAIN, aliceKey(MAIN), "ahead", false, "ok", clock.millis() + 5 * MINUTE));
        assertEquals(2, eventsOf(ChatEvent.MessageAdded.class).size());
        assertEquals(2, notices().stream().filter(n -> n.contains("more than 5 minutes ahead or more than 7 days old"))
                .count());
    }

    @Test
    void relabelledSchemeIsRefusedBySignature() throws Exception {
        connectWithPeers();
        Frame.Deliver good = deliver("m1", bob, false, "hi");
        relay.push(new Frame.Deliver("m1", "bob", good.ts(), good.to(), false, OTHER, good.body(), good.cts(),
                good.sig()));
        assertNothingShown();
        assertTrue(notices().get(0).endsWith("does not verify (forged or modified)"), notices().toString());
    }

    @Test
    void relabelledSchemeOrSenderIsRefusedByTheAssociatedData() throws Exception {
        connectWithPeers();
        // bob signs (so the signature passes) a body that was sealed for another scheme id or another sender
        FakeScheme remoteOther = new FakeScheme(OTHER);
        byte[] sealedAsMain = remoteOther.sealFor(aliceKey(OTHER), AssociatedData.of("m1", "bob", MAIN),
                "x".getBytes(StandardCharsets.UTF_8));
        relay.push(bob.signed("m1", false, OTHER, sealedAsMain, clock.millis()));
        byte[] sealedAsCarol = remote.sealFor(aliceKey(MAIN), AssociatedData.of("m2", "carol", MAIN),
                "y".getBytes(StandardCharsets.UTF_8));
        relay.push(bob.signed("m2", false, MAIN, sealedAsCarol, clock.millis()));

        assertNothingShown();
        assertEquals(List.of("bob: A message from bob could not be opened with '" + OTHER + "': authentication failed",
                "bob: A message from bob could not be opened with '" + MAIN + "': authentication failed"), notices());
    }

    @Test
    void schemeOutsideTheAllowedSetIsRefused() throws Exception {
        client.setAllowedSchemes(Set.of(OTHER));
        assertEquals(List.of(OTHER), client.schemes().stream().map(i -> i.id()).toList());
        client.setAllowedSchemes(Set.of(MAIN, OTHER));
        connectWithPeers();
        client.setAllowedSchemes(Set.of(OTHER)); // e.g. the user distrusts the default scheme now
        relay.push(deliver("m1", bob, false, "downgrade?"));

        assertNothingShown();
        assertEquals(List.of("bob: A message from bob was refused: it is encrypted with '" + MAIN
                + "', which you do not allow"), notices());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client.send(Conversation.with("bob"), "x", MAIN).get());
        assertTrue(e.getCause().getMessage().contains("not allowed"), e.getCause().getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.setAllowedSchemes(Set.of()));
    }

    @Test
    void messageFromAnUnknownSenderIsRefused() throws Exception {
        connectWithPeers();
        relay.push(mallory.deliver(remote, MAIN, aliceKey(MAIN), "m1", false, "hi", clock.millis()));
        assertNothingShown();
        assertEquals(List.of("mallory: A message from mallory was refused: mallory has no verified key bundle here"),
                notices());
    }

    @Test
    void theSignedBundleTheClientPublishesCannotBeReusedForAnotherName() throws Exception {
        client.connect(RELAY, "alice");
        KeyBundle mine = relay.hello().bundle();
        assertThrows(java.security.GeneralSecurityException.class, () -> TrustKeeper.verify("mallory", mine));
        SignedKeyBundle verified = TrustKeeper.verify("alice", mine);
        assertEquals("alice", verified.user());
    }

    private void assertNothingShown() {
        assertTrue(eventsOf(ChatEvent.MessageAdded.class).isEmpty(), "no message may be shown");
    }
}
