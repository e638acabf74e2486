package org.parley.relay.cluster;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.relay.RelayMain;

/**
 * A cluster node in a child JVM (same classpath as the tests), so that a test can kill it for real
 * ({@code kill -9} through {@link Process#destroyForcibly()}): no shutdown hook, no leave, no release.
 */
final class NodeProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Parley relay listening on ws://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final int port;

    NodeProcess(Path dir, String redis, String nodeId) throws Exception {
        Path data = Files.createDirectories(dir.resolve(nodeId));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(),
                "--host=127.0.0.1", "--port=0", "--insecure-plaintext", "--data-dir=" + data, "--cluster=" + redis,
                "--node-id=" + nodeId, "--cluster-node-timeout=" + ClusterTestSupport.NODE_TIMEOUT.toMillis() + "ms",
                "--rate-limit=1000000", "--rate-burst=1000000", "--max-queued-per-user=100000"));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the child is gone
            }
        }, "cluster-node-output");
        reader.setDaemon(true);
        reader.start();
        port = awaitPort();
    }

    private int awaitPort() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the child node did not start:\n" + seen);
    }

    int port() {
        return port;
    }

    /** SIGKILL, then waits for the process to be gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("the child node survived kill -9");
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
