package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.relay.AbstractLeakDetectionTest;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.protocol.SendFrame;

class LoginHandlerTest extends AbstractLeakDetectionTest {
    private final AppChannels app = new AppChannels();

    @AfterEach
    void released() {
        app.assertAllReleased();
    }

    @Test
    void helloIsWelcomedWithOthersAndAnnounced() {
        EmbeddedChannel bob = app.loggedIn("bob");
        EmbeddedChannel alice = app.newChannel();
        alice.writeInbound(new HelloFrame("h1", "alice", Map.of("rsa-oaep-aes-gcm", "QUJD")));

        Map<String, Object> welcome = app.next(alice);
        assertEquals("welcome", welcome.get("type"));
        assertEquals("h1", welcome.get("ref"));
        assertEquals("alice", welcome.get("user"));
        assertEquals(List.of(Map.of("user", "bob", "keys", Map.of("x", "QQ=="))), welcome.get("users"));
        assertNull(alice.pipeline().get(LoginHandler.class), "login handler removes itself");
        assertEquals(2, app.loggedInEvents());

        Map<String, Object> join = app.next(bob);
        assertEquals(Map.of("type", "presence", "v", 1L, "event", "join", "user", "alice",
                "keys", Map.of("rsa-oaep-aes-gcm", "QUJD")), join);
    }

    @Test
    void nameTakenWhileOnline() {
        app.loggedIn("alice");
        EmbeddedChannel second = app.newChannel();
        second.writeInbound(new HelloFrame("h2", "alice", Map.of("x", "QQ==")));
        Map<String, Object> error = app.next(second);
        assertEquals("name-taken", error.get("code"));
        assertEquals("h2", error.get("ref"));
        assertTrue(second.isActive(), "the connection stays open");
    }

    @Test
    void nameIsFreeAgainAfterLeaveWhichOthersSee() {
        EmbeddedChannel bob = app.loggedIn("bob");
        EmbeddedChannel alice = app.loggedIn("alice");
        app.next(bob); // join
        alice.close();
        assertEquals(Map.of("type", "presence", "v", 1L, "event", "leave", "user", "alice"), app.next(bob));
        app.loggedIn("alice");
    }

    @Test
    void sendBeforeHelloIsRefused() {
        EmbeddedChannel ch = app.newChannel();
        ch.writeInbound(new SendFrame("m1", List.of("bob"), false, "x", "QQ=="));
        Map<String, Object> error = app.next(ch);
        assertEquals("not-logged-in", error.get("code"));
        assertEquals("m1", error.get("ref"));
    }
}
