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
import org.parley.relay.TestIdentity;
import org.parley.relay.protocol.AuthFrame;
import org.parley.relay.protocol.HelloFrame;
import org.parley.relay.protocol.SendFrame;

class RoutingHandlerTest extends AbstractLeakDetectionTest {
    private static final String SIG = java.util.Base64.getEncoder().encodeToString(new byte[64]);
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
        alice.writeInbound(new SendFrame("m1", List.of("bob", "dave"), false, "rsa-oaep-aes-gcm", "AQAB", 17L, SIG));

        assertEquals(Map.ofEntries(Map.entry("type", "deliver"), Map.entry("v", 2L), Map.entry("id", "m1"),
                Map.entry("from", "alice"), Map.entry("ts", AppChannels.NOW), Map.entry("to", List.of("bob", "dave")),
                Map.entry("everyone", false), Map.entry("scheme", "rsa-oaep-aes-gcm"), Map.entry("body", "AQAB"),
                Map.entry("cts", 17L), Map.entry("sig", SIG)),
                app.next(bob));
        assertEquals(Map.of("type", "sent", "v", 2L, "ref", "m1", "ts", AppChannels.NOW, "recipients", List.of("bob")),
                app.next(alice));
        assertNull(carol.readOutbound());
    }

    @Test
    void everyoneReachesAllOthersButNotTheSender() {
        alice.writeInbound(new SendFrame("m2", List.of("bob", "carol"), true, "x", "QQ==", 1L, SIG));
        assertEquals("alice", app.next(bob).get("from"));
        assertEquals("alice", app.next(carol).get("from"));
        assertEquals(java.util.Set.of("bob", "carol"), java.util.Set.copyOf((List<?>) app.next(alice).get("recipients")));
        assertNull(alice.readOutbound());
    }

    @Test
    void messageToNobodyOnlineIsRefused() {
        alice.writeInbound(new SendFrame("m3", List.of("dave", "alice"), false, "x", "QQ==", 1L, SIG));
        Map<String, Object> error = app.next(alice);
        assertEquals("no-recipients", error.get("code"));
        assertEquals("m3", error.get("ref"));
    }

    @Test
    void secondHelloOrAuthIsRefused() {
        bob.writeInbound(new HelloFrame("h9", "bobby", TestIdentity.generate().bundle("bobby")));
        Map<String, Object> error = app.next(bob);
        assertEquals("already-logged-in", error.get("code"));
        assertEquals("h9", error.get("ref"));
        bob.writeInbound(new AuthFrame("a9", SIG));
        assertEquals("already-logged-in", app.next(bob).get("code"));
    }
}
