package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.relay.AbstractLeakDetectionTest;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.protocol.SendFrame;

class RoutingHandlerTest extends AbstractLeakDetectionTest {
    private final AppChannels app = new AppChannels();
    private EmbeddedChannel alice;
    private EmbeddedChannel bob;
    private EmbeddedChannel carol;

    @BeforeEach
    void logIn() {
        alice = app.loggedIn("alice");
        bob = app.loggedIn("bob");
        carol = app.loggedIn("carol");
        app.skipPresence(alice);
        app.skipPresence(bob);
    }

    @AfterEach
    void released() {
        app.assertAllReleased();
    }

    @Test
    void directMessageReachesOnlyTheListedOnlineUsersFromTheAuthenticatedSender() {
        alice.writeInbound(new SendFrame("m1", List.of("bob", "dave"), false, "rsa-oaep-aes-gcm", "AQAB"));

        assertEquals(Map.of("type", "deliver", "v", 1L, "id", "m1", "from", "alice", "ts", AppChannels.NOW,
                "to", List.of("bob", "dave"), "everyone", false, "scheme", "rsa-oaep-aes-gcm", "body", "AQAB"),
                app.next(bob));
        assertEquals(Map.of("type", "sent", "v", 1L, "ref", "m1", "ts", AppChannels.NOW, "recipients", List.of("bob")),
                app.next(alice));
        assertNull(carol.readOutbound());
    }

    @Test
    void everyoneReachesAllOthersButNotTheSender() {
        alice.writeInbound(new SendFrame("m2", List.of("bob", "carol"), true, "x", "QQ=="));
        assertEquals("alice", app.next(bob).get("from"));
        assertEquals("alice", app.next(carol).get("from"));
        assertEquals(java.util.Set.of("bob", "carol"), java.util.Set.copyOf((List<?>) app.next(alice).get("recipients")));
        assertNull(alice.readOutbound());
    }

    @Test
    void messageToNobodyOnlineIsRefused() {
        alice.writeInbound(new SendFrame("m3", List.of("dave", "alice"), false, "x", "QQ=="));
        Map<String, Object> error = app.next(alice);
        assertEquals("no-recipients", error.get("code"));
        assertEquals("m3", error.get("ref"));
    }

    @Test
    void secondHelloIsRefused() {
        bob.writeInbound(new HelloFrame("h9", "bobby", Map.of("x", "QQ==")));
        Map<String, Object> error = app.next(bob);
        assertEquals("already-logged-in", error.get("code"));
        assertEquals("h9", error.get("ref"));
    }
}
