package org.parley.relay;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: the relay's {@link RelayMain} in a child JVM (same classpath as the tests), plaintext on
 * 127.0.0.1 and an ephemeral port, so that tests can kill it for real ({@code kill -9} via
 * {@link Process#destroyForcibly()}) or send it SIGTERM ({@link Process#destroy()}). Cluster tests start
 * their killable node with it too, passing the cluster flags as extra arguments.
 */
public final class RelayProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Parley relay listening on ws://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final int port;

    private RelayProcess(Path dataDir, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RelayMain.class.getName(),
                "--host=127.0.0.1", "--port=0", "--insecure-plaintext", "--data-dir=" + dataDir));
        command.addAll(List.of(extra));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the child is gone
            }
        }, "relay-child-output");
        reader.setDaemon(true);
        reader.start();
        port = awaitPort();
    }

    /** Starts the relay in a child JVM and waits (≤ 30 s) until it listens. */
    public static RelayProcess start(Path dataDir, String... extraArgs) throws Exception {
        return new RelayProcess(dataDir, extraArgs);
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
        throw new AssertionError("the child relay did not start:\n" + seen);
    }

    public int port() {
        return port;
    }

    Process process() {
        return process;
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        assertNotNull(process.waitFor(20, TimeUnit.SECONDS) ? Boolean.TRUE : null, "killed");
    }

    /** SIGTERM; returns the exit code (waits ≤ 20 s). */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the relay did not stop on SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
