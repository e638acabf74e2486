package org.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin port: Prometheus text on /metrics whose values follow the traffic, and /healthz. */
class MetricsEndpointTest extends AbstractLeakDetectionTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the series {@code series} (name with labels, exactly as exposed), or -1 if absent. */
    static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return -1;
    }

    @Test
    void countersGaugesAndHistogramFollowTheTraffic() throws Exception {
        RelayConfig config = RelayConfig.builder(dir).host("127.0.0.1").port(0).insecurePlaintext(true)
                .metricsPort(freePort()).build();
        try (RelayServer relay = RelayServer.start(config)) {
            String metrics = relay.metricsUri().orElseThrow();
            assertTrue(metrics.startsWith("http://127.0.0.1:"), metrics);
            HttpResponse<String> first = get(metrics);
            assertEquals(200, first.statusCode());
            assertTrue(first.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
            assertEquals(0, value(first.body(), "parley_stored_messages"));
            assertTrue(first.body().contains("# TYPE parley_delivery_latency_seconds histogram"));

            try (TestClient carol = StoreAndForwardTest.connect(relay)) {
                carol.hello("carol");
            }
            try (TestClient alice = StoreAndForwardTest.connect(relay); TestClient bob = StoreAndForwardTest.connect(relay)) {
                alice.hello("alice");
                bob.hello("bob");
                alice.sendDirect("m1", "QQ==", "bob", "carol", "ghost");
                bob.nextNonPresence();
                String during = get(metrics).body();
                assertEquals(2, value(during, "parley_connections"));
                assertEquals(2, value(during, "parley_users_online"));
                assertEquals(1, value(during, "parley_frames_in_total{type=\"send\"}"));
                assertEquals(1, value(during, "parley_frames_out_total{type=\"sent\"}"));
                assertEquals(1, value(during, "parley_deliveries_total{path=\"live\"}"));
                assertEquals(2, value(during, "parley_stored_messages"), "bob's copy until he acks, and carol's");
                assertEquals(1, value(during, "parley_rejects_total{code=\"unknown-recipient\"}"));
                assertEquals(1, value(during, "parley_delivery_latency_seconds_count"));
                assertEquals(1, value(during, "parley_delivery_latency_seconds_bucket{le=\"+Inf\"}"));
                assertTrue(value(during, "parley_store_committed_messages_total") >= 1);

                bob.ack("m1", "alice");
                assertEquals("receipt", alice.nextNonPresence().get("type"));
                String after = get(metrics).body();
                assertEquals(1, value(after, "parley_stored_messages"));
                assertEquals(1, value(after, "parley_frames_in_total{type=\"ack\"}"));
                assertEquals(1, value(after, "parley_frames_out_total{type=\"receipt\"}"));
            }
            assertEquals("ok", get(metrics.replace("/metrics", "/healthz")).body());
            assertEquals(404, get(metrics.replace("/metrics", "/other")).statusCode());
        }
    }
}
