package org.parley.relay.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parley.relay.RelayConfig;
import org.parley.relay.RelayServer;
import org.parley.relay.TestClient;
import org.parley.relay.TestIdentity;

/**
 * Test helpers for relay clusters: the test Redis (environment {@code PARLEY_TEST_REDIS}, e.g.
 * {@code redis://127.0.0.1:6391}; tests are skipped without it, and {@code ./test.sh} starts one), nodes in
 * this JVM, and logins that wait out a dead node's names.
 */
final class ClusterTestSupport {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Short, so that tests of node death need not wait long (heartbeats go every third of it), yet long
     * enough for a loaded 2-core machine: a node whose heartbeat thread stalls for this long is declared dead. */
    static final Duration NODE_TIMEOUT = Duration.ofSeconds(3);

    private ClusterTestSupport() {
    }

    /** The test Redis URI; skips the calling test (with the reason) when none is configured. */
    static String redis() {
        String uri = System.getenv("PARLEY_TEST_REDIS");
        assumeTrue(uri != null && !uri.isBlank(),
                "cluster tests skipped: PARLEY_TEST_REDIS is not set (./test.sh starts a redis-server when one is installed)");
        return uri;
    }

    /** Empties the test Redis database, so each test starts from a fresh cluster. */
    static void flush(String uri) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushdb();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /** Runs {@code action} with synchronous commands on the test Redis. */
    static <T> T withRedis(String uri, java.util.function.Function<RedisCommands<String, String>, T> action) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return action.apply(c.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    static RelayConfig.Builder config(Path dir, String redis, String nodeId) throws Exception {
        Path data = Files.createDirectories(dir.resolve(nodeId));
        return RelayConfig.builder(data).host("127.0.0.1").port(0).insecurePlaintext(true).cluster(redis)
                .nodeId(nodeId).clusterNodeTimeout(NODE_TIMEOUT).rateLimit(1_000_000).rateBurst(1_000_000)
                .maxConnectionsPerAddress(1000);
    }

    static RelayServer node(Path dir, String redis, String nodeId) throws Exception {
        return RelayServer.start(config(dir, redis, nodeId).build());
    }

    static TestClient connect(int port) throws Exception {
        return TestClient.connect(HTTP, URI.create("ws://127.0.0.1:" + port + "/"), "");
    }

    static TestClient connect(RelayServer relay) throws Exception {
        return connect(relay.port());
    }

    /**
     * Logs {@code user} in on {@code client}, retrying {@code name-taken} for up to 15 s: after a node
     * dies its users' names stay taken until the survivors find its heartbeat expired.
     */
    static Map<String, Object> login(TestClient client, String user, TestIdentity id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            client.send(id.hello("h-" + user, user));
            Map<String, Object> answer = client.nextNonPresence();
            if ("challenge".equals(answer.get("type"))) {
                client.send(TestIdentity.auth("a-" + user, id.answer(user, (String) answer.get("nonce"), "")));
                Map<String, Object> welcome = client.nextNonPresence();
                if ("name-taken".equals(welcome.get("code")) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    continue;
                }
                assertEquals("welcome", welcome.get("type"), () -> "got " + welcome);
                return welcome;
            }
            if (!"name-taken".equals(answer.get("code")) || System.nanoTime() > deadline) {
                throw new AssertionError("login of " + user + " refused: " + answer);
            }
            Thread.sleep(100);
        }
    }
}
