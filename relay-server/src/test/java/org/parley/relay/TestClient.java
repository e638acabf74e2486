package org.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A WebSocket test client on java.net.http that collects every text message it receives, and logs in
 * with protocol v2 (hello → challenge → auth → welcome) using a real Ed25519 identity.
 */
public final class TestClient implements WebSocket.Listener, AutoCloseable {
    public static final String KEY = TestIdentity.KEY;
    /** A well-formed envelope signature for {@code send} frames; the relay never verifies it. */
    public static final String SIG = java.util.Base64.getEncoder().encodeToString(new byte[64]);

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private WebSocket socket;
    private String fingerprint;
    private TestIdentity identity = TestIdentity.generate();

    /** An HTTP client that trusts exactly {@code cert} and nothing else. */
    public static HttpClient trusting(X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("relay", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).build();
    }

    /**
     * Connects to {@code uri}. For {@code wss://} the relay's certificate fingerprint (needed to sign
     * the login challenge) is read with one extra TLS handshake through {@code http}'s SSL context.
     */
    public static TestClient connect(HttpClient http, URI uri) throws Exception {
        return connect(http, uri, uri.getScheme().equals("wss") ? fingerprint(http, uri) : "");
    }

    /** Connects to {@code uri} and signs challenges for the relay {@code fingerprint} ("" for ws://). */
    public static TestClient connect(HttpClient http, URI uri, String fingerprint) throws Exception {
        TestClient client = new TestClient();
        client.fingerprint = fingerprint;
        client.socket = http.newWebSocketBuilder().buildAsync(uri, client).get(10, TimeUnit.SECONDS);
        return client;
    }

    private static String fingerprint(HttpClient http, URI uri) throws Exception {
        try (SSLSocket s = (SSLSocket) http.sslContext().getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
            s.startHandshake();
            byte[] der = s.getSession().getPeerCertificates()[0].getEncoded();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        }
    }

    /** The identity this client logs in with (a fresh one per client unless replaced). */
    public TestIdentity identity() {
        return identity;
    }

    /** Logs in as {@code user} with this client's identity and returns the welcome. */
    public Map<String, Object> hello(String user) throws Exception {
        return hello(user, identity);
    }

    /** Logs in as {@code user} with {@code id} (hello → challenge → auth) and returns the welcome. */
    public Map<String, Object> hello(String user, TestIdentity id) throws Exception {
        return hello(user, id, true);
    }

    /** Logs in as {@code user}; {@code presence=false} asks for no online list ({@code "presence":false}). */
    public Map<String, Object> hello(String user, TestIdentity id, boolean presence) throws Exception {
        identity = id;
        Map<String, Object> challenge = sendHello(user, presence);
        send(TestIdentity.auth("a-" + user, id.answer(user, (String) challenge.get("nonce"), fingerprint)));
        Map<String, Object> welcome = nextNonPresence();
        assertEquals("welcome", welcome.get("type"), () -> "got " + welcome);
        assertEquals("a-" + user, welcome.get("ref"));
        return welcome;
    }

    /**
     * Sends a valid hello for {@code user} with this client's identity and returns the challenge. A
     * {@code name-taken} is retried for up to 2 s: the relay may not yet have seen this user's previous
     * connection close.
     */
    public Map<String, Object> sendHello(String user) throws Exception {
        return sendHello(user, true);
    }

    private Map<String, Object> sendHello(String user, boolean presence) throws Exception {
        send(identity.hello("h-" + user, user, presence));
        Map<String, Object> challenge = nextNonPresence();
        for (int retry = 0; retry < 40 && "name-taken".equals(challenge.get("code")); retry++) {
            Thread.sleep(50);
            send(identity.hello("h-" + user, user, presence));
            challenge = nextNonPresence();
        }
        Map<String, Object> answer = challenge;
        assertEquals("challenge", answer.get("type"), () -> "got " + answer);
        return answer;
    }

    /** A direct {@code send} frame with message id {@code id} to {@code to}, body {@code body} (base64). */
    public static String direct(String id, String body, String... to) {
        StringBuilder names = new StringBuilder();
        for (String name : to) {
            names.append(names.length() == 0 ? "" : ",").append('"').append(name).append('"');
        }
        return "{\"type\":\"send\",\"v\":2,\"id\":\"" + id + "\",\"to\":[" + names + "],\"everyone\":false,"
                + "\"scheme\":\"rsa-oaep-aes-gcm\",\"body\":\"" + body + "\",\"cts\":1795000000100,\"sig\":\"" + SIG + "\"}";
    }

    /** Sends an {@code ack} for message {@code ref} from {@code from}. */
    public void ack(String ref, String from) throws Exception {
        send("{\"type\":\"ack\",\"v\":2,\"ref\":\"" + ref + "\",\"from\":\"" + from + "\"}");
    }

    /** Sends a direct message and returns the relay's answer ({@code sent} or {@code error}). */
    public Map<String, Object> sendDirect(String id, String body, String... to) throws Exception {
        send(direct(id, body, to));
        Map<String, Object> answer = nextNonPresence();
        while ("deliver".equals(answer.get("type")) || "receipt".equals(answer.get("type"))) {
            answer = nextNonPresence(); // frames caused by others may come first
        }
        return answer;
    }

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(10, TimeUnit.SECONDS);
    }

    /** The next message, waiting up to 10 s. */
    public Map<String, Object> next() throws InterruptedException {
        String text = messages.poll(10, TimeUnit.SECONDS);
        assertNotNull(text, "expected a message from the relay");
        return Json.object(text);
    }

    /** The next message, or null if none arrives within {@code millis}. */
    public Map<String, Object> poll(long millis) throws InterruptedException {
        String text = messages.poll(millis, TimeUnit.MILLISECONDS);
        return text == null ? null : Json.object(text);
    }

    /** Whether the connection was closed (by either side, or failed). */
    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** The next message that is not a presence event. */
    public Map<String, Object> nextNonPresence() throws InterruptedException {
        Map<String, Object> m = next();
        while ("presence".equals(m.get("type"))) {
            m = next();
        }
        return m;
    }

    /**
     * Waits {@code millis} and fails if anything but presence arrived. (Presence of other users may
     * interleave freely with the relay's answers to this client's own frames.)
     */
    public void expectNoDelivery(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
            String text = messages.poll(left, TimeUnit.MILLISECONDS);
            if (text != null && !"presence".equals(Json.object(text).get("type"))) {
                assertNull(text, "expected nothing but presence");
            }
        }
    }

    /** The close code the relay sent, waiting up to 10 s. */
    public int closeCode() throws Exception {
        return closeCode.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
