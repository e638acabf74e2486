package org.parley.relay.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.parley.relay.cluster.ClusterTestSupport.connect;
import static org.parley.relay.cluster.ClusterTestSupport.login;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.relay.RelayServer;
import org.parley.relay.TestClient;
import org.parley.relay.TestIdentity;

/**
 * A node whose Redis goes away closes its users' connections (1011), so they log in again once the
 * cluster is back, and the node itself recovers when Redis returns. Uses its own {@code redis-server}
 * process (killed and restarted), so it runs only where that binary is installed.
 */
class RedisOutageTest {
    @TempDir
    Path dir;

    private static boolean redisServerInstalled() {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, "redis-server"))) {
                return true;
            }
        }
        return false;
    }

    private Process redis(int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--save", "", "--appendonly", "no", "--dir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
    }

    @Test
    void usersAreDisconnectedWhileRedisIsDownAndLogInAgainWhenItIsBack() throws Exception {
        assumeTrue(redisServerInstalled(), "redis-server is not installed: Redis outage test skipped");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String uri = "redis://127.0.0.1:" + port;
        Process redis = redis(port);
        try (RelayServer a = ClusterTestSupport.node(dir, uri, "a")) {
            TestIdentity aliceId = TestIdentity.generate();
            TestIdentity bobId = TestIdentity.generate();
            try (TestClient alice = connect(a)) {
                login(alice, "alice", aliceId);
                redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // Redis dies (and forgets everything)
                assertEquals(1011, alice.closeCode(), "a node without Redis disconnects its users");
            }
            redis = redis(port);
            // The node reconnects by itself; users (re)register and talk again.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (true) {
                try (TestClient bob = connect(a); TestClient alice = connect(a)) {
                    login(bob, "bob", bobId);
                    login(alice, "alice", aliceId);
                    assertEquals(List.of("bob"), alice.sendDirect("r1", "aGk=", "bob").get("recipients"));
                    assertEquals("r1", bob.nextNonPresence().get("id"));
                    break;
                } catch (AssertionError | Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(500);
                }
            }
        } finally {
            redis.destroyForcibly();
        }
    }
}
