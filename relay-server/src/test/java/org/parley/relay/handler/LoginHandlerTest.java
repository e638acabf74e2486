package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.relay.AbstractLeakDetectionTest;
import org.parley.relay.TestIdentity;
import org.parley.relay.protocol.AuthFrame;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.protocol.KeyBundle;
import org.parley.relay.protocol.SendFrame;

/** The login phase, including the attacks on it: every test here fails if its defence is removed. */
class LoginHandlerTest extends AbstractLeakDetectionTest {
    private final AppChannels app = new AppChannels();

    @AfterEach
    void released() {
        app.assertAllReleased();
    }

    private static Map<String, Object> bundleJson(KeyBundle b) {
        return Map.of("identity", b.identity(), "keys", b.keys(), "created", b.created(), "sig", b.sig());
    }

    private void assertError(EmbeddedChannel ch, String code, String ref) {
        Map<String, Object> error = app.next(ch);
        assertEquals("error", error.get("type"), () -> "got " + error);
        assertEquals(code, error.get("code"));
        assertEquals(ref, error.get("ref"));
    }

    @Test
    void helloIsChallengedAndAuthIsWelcomedWithOthersAndAnnounced() {
        TestIdentity bobId = TestIdentity.generate();
        EmbeddedChannel bob = app.loggedIn("bob", bobId);
        TestIdentity aliceId = TestIdentity.generate();
        EmbeddedChannel alice = app.newChannel();
        alice.writeInbound(new HelloFrame("h1", "alice", aliceId.bundle("alice")));
        Map<String, Object> challenge = app.next(alice);
        assertEquals("h1", challenge.get("ref"));
        byte[] nonce = Base64.getDecoder().decode((String) challenge.get("nonce"));
        assertEquals(32, nonce.length);
        assertEquals(1, app.loggedInEvents(), "only bob: no login before auth");

        alice.writeInbound(new AuthFrame("a1", aliceId.answer("alice", (String) challenge.get("nonce"), AppChannels.FINGERPRINT)));
        Map<String, Object> welcome = app.next(alice);
        assertEquals("welcome", welcome.get("type"));
        assertEquals("a1", welcome.get("ref"));
        assertEquals("alice", welcome.get("user"));
        assertEquals(List.of(Map.of("user", "bob", "bundle", bundleJson(bobId.bundle("bob")))), welcome.get("users"));
        assertNull(alice.pipeline().get(LoginHandler.class), "login handler removes itself");
        assertEquals(2, app.loggedInEvents());
        assertEquals(Map.of("type", "presence", "v", 2L, "event", "join", "user", "alice",
                "bundle", bundleJson(aliceId.bundle("alice"))), app.next(bob));
        assertTrue(app.registry.find("alice").orElseThrow().hasIdentityKey(aliceId.bundle("alice").identityKey()));
        assertEquals(AppChannels.NOW, app.registry.find("alice").orElseThrow().firstSeen());
    }

    @Test
    void nonceIsFreshForEveryChallenge() {
        TestIdentity id = TestIdentity.generate();
        EmbeddedChannel ch = app.newChannel();
        assertFalse(app.challenge(ch, "alice", id).equals(app.challenge(ch, "alice", id)));
    }

    @Test
    void nameTakenWhileOnline() {
        TestIdentity id = TestIdentity.generate();
        app.loggedIn("alice", id);
        EmbeddedChannel second = app.newChannel();
        second.writeInbound(new HelloFrame("h2", "alice", id.bundle("alice")));
        assertError(second, "name-taken", "h2");
        assertTrue(second.isActive(), "the connection stays open");
    }

    @Test
    void aRegisteredNameCannotBeTakenWithAnotherKey() {
        EmbeddedChannel alice = app.loggedIn("alice");
        alice.close(); // offline, but the name stays bound to her key
        EmbeddedChannel mallory = app.newChannel();
        mallory.writeInbound(new HelloFrame("h3", "alice", TestIdentity.generate().bundle("alice")));
        assertError(mallory, "name-registered", "h3");
        assertTrue(mallory.isActive());
    }

    @Test
    void aBundleWithABadSignatureIsRefused() {
        TestIdentity id = TestIdentity.generate();
        KeyBundle forBob = id.bundle("bob"); // signed for another name
        KeyBundle other = TestIdentity.generate().bundle("alice"); // signed by another key
        KeyBundle tampered = new KeyBundle(id.identity(), Map.of("rsa-oaep-aes-gcm", "QUJDRQ=="),
                TestIdentity.CREATED, id.bundle("alice").sig());
        EmbeddedChannel ch = app.newChannel();
        for (KeyBundle bad : List.of(forBob, tampered,
                new KeyBundle(id.identity(), other.keys(), other.created(), other.sig()))) {
            ch.writeInbound(new HelloFrame("h4", "alice", bad));
            assertError(ch, "bad-bundle", "h4");
        }
        assertTrue(app.registry.find("alice").isEmpty());
        app.challenge(ch, "alice", id); // and the connection still works
    }

    @Test
    void aWrongAuthSignatureFailsAndCloses() {
        TestIdentity id = TestIdentity.generate();
        EmbeddedChannel ch = app.newChannel();
        String nonce = app.challenge(ch, "alice", id);
        ch.writeInbound(new AuthFrame("a5", TestIdentity.generate().answer("alice", nonce, AppChannels.FINGERPRINT)));
        assertError(ch, "auth-failed", "a5");
        assertEquals(1008, app.nextClose(ch));
        assertFalse(ch.isOpen());
        assertTrue(app.registry.find("alice").isEmpty());
        assertTrue(app.directory.find("alice").isEmpty());
    }

    @Test
    void anAuthSignatureFromAnotherSessionCannotBeReplayed() {
        TestIdentity id = TestIdentity.generate();
        EmbeddedChannel first = app.newChannel();
        String recorded = id.answer("alice", app.challenge(first, "alice", id), AppChannels.FINGERPRINT);
        EmbeddedChannel replay = app.newChannel();
        app.challenge(replay, "alice", id);
        replay.writeInbound(new AuthFrame("a6", recorded));
        assertError(replay, "auth-failed", "a6");
        assertEquals(1008, app.nextClose(replay));
    }

    @Test
    void anAuthSignedForAnotherRelayCertificateFails() {
        TestIdentity id = TestIdentity.generate();
        EmbeddedChannel ch = app.newChannel();
        String nonce = app.challenge(ch, "alice", id);
        ch.writeInbound(new AuthFrame("a7", id.answer("alice", nonce, "cd".repeat(32))));
        assertError(ch, "auth-failed", "a7");
        assertEquals(1008, app.nextClose(ch));
    }

    @Test
    void aNewHelloReplacesTheChallenge() {
        TestIdentity id = TestIdentity.generate();
        EmbeddedChannel ch = app.newChannel();
        String old = app.challenge(ch, "alice", id);
        app.challenge(ch, "alice", id);
        ch.writeInbound(new AuthFrame("a8", id.answer("alice", old, AppChannels.FINGERPRINT)));
        assertError(ch, "auth-failed", "a8");
        assertEquals(1008, app.nextClose(ch));
    }

    @Test
    void authWithoutChallengeAndSendBeforeLoginAreRefused() {
        EmbeddedChannel ch = app.newChannel();
        ch.writeInbound(new AuthFrame("a9", Base64.getEncoder().encodeToString(new byte[64])));
        assertError(ch, "not-logged-in", "a9");
        ch.writeInbound(new SendFrame("m1", List.of("bob"), false, "x", "QQ==", 1L, "sig"));
        assertError(ch, "not-logged-in", "m1");
        assertTrue(ch.isActive());
    }

    @Test
    void nameIsFreeAgainAfterLeaveForTheSameKeyWhichOthersSee() {
        TestIdentity id = TestIdentity.generate();
        EmbeddedChannel bob = app.loggedIn("bob");
        EmbeddedChannel alice = app.loggedIn("alice", id);
        app.next(bob); // join
        alice.close();
        assertEquals(Map.of("type", "presence", "v", 2L, "event", "leave", "user", "alice"), app.next(bob));
        app.loggedIn("alice", id);
    }
}
