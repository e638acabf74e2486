package org.parley.relay.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.parley.relay.AbstractLeakDetectionTest;
import org.parley.relay.Json;
import org.parley.relay.TestClient;
import org.parley.relay.TestIdentity;

/**
 * 10,000 hostile messages (seeded, so a failure reproduces) through the relay's real decoding and
 * application handlers, on a logged-in connection and on connections still logging in. Nothing may
 * escape as an exception, every buffer must be released (paranoid leak detection and refCnt), every
 * answer must be a well-formed frame, and afterwards a valid send still works.
 */
class FrameFuzzTest extends AbstractLeakDetectionTest {
    private static final long SEED = 20260101L;
    private static final int FRAMES = 10_000;
    private static final int MAX_BYTES = 16 * 1024;
    private static final Set<String> ANSWERS = Set.of("error", "challenge", "welcome", "sent", "presence", "deliver",
            "receipt");

    private final AppChannels app = new AppChannels();
    private final Set<String> seen = new TreeSet<>();

    @Test
    void hostileFramesNeverBreakTheRelay() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), this::fuzz);
    }

    private void fuzz() {
        TestIdentity aliceId = TestIdentity.fromSeed(SEED);
        EmbeddedChannel bob = app.loggedIn("bob");
        EmbeddedChannel alice = app.newWireChannel(MAX_BYTES, 1_000_000, 1_000_000);
        login(alice, aliceId);
        TestIdentity fuzzId = TestIdentity.fromSeed(SEED + 1);
        String sendToBob = "{\"type\":\"send\",\"v\":2,\"id\":\"m1\",\"to\":[\"bob\"],\"everyone\":false,"
                + "\"scheme\":\"rsa-oaep-aes-gcm\",\"body\":\"QUJD\",\"cts\":1795000000100,\"sig\":\"" + TestClient.SIG + "\"}";
        FrameMutator mutator = new FrameMutator(SEED, List.of(fuzzId.hello("h1", "fuzz"), TestIdentity.auth("a1", TestClient.SIG),
                sendToBob, sendToBob.replace("\"everyone\":false", "\"everyone\":true").replace("[\"bob\"]", "[]")));
        EmbeddedChannel fresh = app.newWireChannel(MAX_BYTES, 1_000_000, 1_000_000);
        for (int i = 0; i < FRAMES; i++) {
            boolean toAlice = i % 2 == 0;
            EmbeddedChannel target = toAlice ? alice : fresh;
            byte[] bytes = mutator.next();
            // A real (releasable) buffer even when empty: Unpooled.wrappedBuffer(new byte[0]) is EMPTY_BUFFER.
            ByteBuf content = Unpooled.buffer(bytes.length).writeBytes(bytes);
            WebSocketFrame frame = i % 97 == 0 ? new BinaryWebSocketFrame(content) : new TextWebSocketFrame(content);
            target.writeInbound(frame);
            assertEquals(0, frame.refCnt(), "frame " + i + " was not released");
            boolean closed = drain(target);
            int n = i;
            assertTrue(app.exceptions.isEmpty(), () -> "frame " + n + " raised " + app.exceptions);
            if (toAlice) {
                assertTrue(alice.isActive(), "a logged-in connection is never closed by bad frames");
            } else if (!fresh.isActive()) {
                assertTrue(closed, "only a failed auth closes a connection that is logging in");
                fresh.finishAndReleaseAll();
                fresh = app.newWireChannel(MAX_BYTES, 1_000_000, 1_000_000);
            }
            drain(bob);
        }
        assertTrue(seen.containsAll(Set.of("bad-json", "bad-frame", "bad-bundle", "unknown-type", "unsupported-version",
                "too-large", "not-logged-in", "already-logged-in", "challenge", "auth-failed", "sent")), () -> "the fuzzer only reached " + seen);

        alice.writeInbound(new TextWebSocketFrame(sendToBob.replace("\"m1\"", "\"after-fuzz\"")));
        assertEquals("deliver", app.next(bob).get("type"));
        Map<String, Object> sent = app.next(alice);
        assertEquals(Map.of("type", "sent", "v", 2L, "ref", "after-fuzz", "ts", AppChannels.NOW, "recipients",
                List.of("bob"), "queued", List.of(), "refused", List.of()), sent);
        fresh.finishAndReleaseAll();
        app.assertAllReleased();
    }

    private void login(EmbeddedChannel ch, TestIdentity id) {
        ch.writeInbound(new TextWebSocketFrame(id.hello("h0", "alice")));
        String nonce = (String) app.next(ch).get("nonce");
        ch.writeInbound(new TextWebSocketFrame(TestIdentity.auth("a0", id.answer("alice", nonce, AppChannels.FINGERPRINT))));
        assertEquals("welcome", app.next(ch).get("type"));
        app.skipPresence(ch);
    }

    /** Reads, checks and releases everything {@code ch} wrote; true if it included a 1008 close after auth-failed. */
    private boolean drain(EmbeddedChannel ch) {
        boolean authFailed = false;
        boolean closed = false;
        for (Object out = ch.readOutbound(); out != null; out = ch.readOutbound()) {
            if (out instanceof CloseWebSocketFrame close) {
                closed = close.statusCode() == 1008 && authFailed;
                close.release();
                continue;
            }
            TextWebSocketFrame text = (TextWebSocketFrame) out;
            Map<String, Object> frame = Json.object(text.text());
            text.release();
            assertTrue(ANSWERS.contains(frame.get("type")), () -> "unexpected answer " + frame);
            assertEquals(2L, frame.get("v"));
            Object label = "error".equals(frame.get("type")) ? frame.get("code") : frame.get("type");
            seen.add((String) label);
            authFailed |= "auth-failed".equals(label);
        }
        return closed;
    }
}
