package org.parley.relay.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.relay.RelayMain;

/** The cluster flags on the command line; none of these needs a Redis server. */
class ClusterCommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RelayMain main = new RelayMain(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheClusterFlags() {
        assertEquals(0, main.run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String flag : new String[] {"--cluster", "--node-id", "--cluster-node-timeout"}) {
            assertTrue(help.contains(flag), flag);
        }
    }

    @Test
    void aClusterUriThatIsNotRedisIsABadArgument() {
        assertEquals(2, main.run("--data-dir=" + dir, "--cluster=http://127.0.0.1:6379"));
        assertTrue(err().contains("--cluster must be a redis:// or rediss:// URI"), err());
        assertEquals(1, err().lines().count(), err());
    }

    @Test
    void aNodeIdNeedsTheClusterAndAValidName() {
        assertEquals(2, main.run("--data-dir=" + dir, "--node-id=a"));
        assertTrue(err().contains("--node-id needs --cluster"), err());
        err.reset();
        assertEquals(2, main.run("--data-dir=" + dir, "--cluster=redis://127.0.0.1:1", "--node-id=a b"));
        assertTrue(err().contains("--node-id must be"), err());
    }

    @Test
    void anUnreachableRedisFailsTheStartWithOneLineAndExitCode1() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // free once closed: nothing listens there
        }
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> main.run("--host=127.0.0.1", "--port=0",
                "--insecure-plaintext", "--data-dir=" + dir, "--cluster=redis://user:secret@127.0.0.1:" + closedPort));
        assertEquals(1, exit.get(30, TimeUnit.SECONDS));
        String message = err().lines().filter(l -> l.startsWith("parley-relay:")).findFirst().orElse("");
        assertTrue(message.startsWith("parley-relay: cannot start: cannot connect to Redis at redis://***@127.0.0.1:"),
                err());
        assertFalse(err().contains("secret"), "the password is never printed");
        assertFalse(err().contains("\tat "), "no stack trace");
    }
}
