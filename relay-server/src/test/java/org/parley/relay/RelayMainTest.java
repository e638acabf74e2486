package org.parley.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.relay.tls.PemCredentials;
import org.parley.relay.tls.SelfSignedCertificateStore;

class RelayMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final RelayMain main = new RelayMain(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    @TempDir
    Path dir;

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryFlagWithDefaults() {
        assertEquals(0, main.run("--help"));
        for (String flag : new String[] {"--host", "--port", "--cert", "--key", "--data-dir", "--max-frame-bytes",
                "--max-recipients", "--handshake-timeout", "--idle-timeout", "--rate-limit", "--rate-burst",
                "--max-connections-per-address", "--max-queued-per-user", "--queue-ttl", "--commit-interval", "--write-behind", "--io-threads", "--metrics-port",
                "--metrics-host", "--tls-engine", "--insecure-plaintext", "--help", "--version"}) {
            assertTrue(out().contains(flag), flag);
        }
        assertTrue(out().contains("Default: 8765"));
        assertTrue(out().contains("Default: 1048576"));
        assertTrue(out().contains("Default: 50"));
        assertTrue(out().contains("Default: 100"));
        assertTrue(out().contains("Default: 32"));
        assertTrue(out().contains("Default: 1000"));
        assertTrue(out().contains("Default: 7d"));
        assertTrue(out().contains("Default: 2ms"));
        assertTrue(out().contains("Default: 1s"));
    }

    @Test
    void version() {
        assertEquals(0, main.run("--version"));
        assertTrue(out().startsWith("parley-relay "), out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=abc", "--port=70000", "--bogus", "--cert=a.pem", "--max-frame-bytes=10",
            "--handshake-timeout=soon", "--max-recipients=-1", "--rate-limit=0", "--rate-burst=x",
            "--max-connections-per-address=0", "--max-queued-per-user=0", "--queue-ttl=10ms", "--queue-ttl=forever",
            "--commit-interval=1s", "--commit-interval=-1ms", "--commit-interval=soon",
            "--write-behind=11s", "--write-behind=-1ms", "--write-behind=later", "--io-threads=0", "--io-threads=many",
            "--metrics-port=-1", "--metrics-port=70000", "--tls-engine=gnutls", "unexpected"})
    void badArgumentsExitWith2AndOneLine(String arg) {
        assertEquals(2, main.run(arg, "--data-dir=" + dir));
        assertEquals(1, err().strip().lines().count(), err());
        assertFalse(err().contains("Exception"), err());
    }

    @Test
    void plaintextWithCertificateIsABadCombination() {
        assertEquals(2, main.run("--insecure-plaintext", "--cert=a", "--key=b", "--data-dir=" + dir));
    }

    @Test
    void unreadableCertificateExitsWith1() {
        assertEquals(1, main.run("--cert=" + dir.resolve("no.pem"), "--key=" + dir.resolve("no.key"),
                "--data-dir=" + dir, "--port=0"));
        assertTrue(err().contains("cannot start") && err().contains("no.pem"), err());
    }

    @Test
    void portInUseExitsWith1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(1, main.run("--host=127.0.0.1", "--port=" + taken.getLocalPort(), "--data-dir=" + dir));
            assertTrue(err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), err());
        }
    }

    @Test
    void runsPrintsParsableLinesAndStopsCleanly() throws Exception {
        String fingerprint = runUntilStarted("--host=127.0.0.1", "--port=0", "--data-dir=" + dir.resolve("d"));
        assertEquals(PemCredentials.load(dir.resolve("d").resolve(SelfSignedCertificateStore.CERT_FILE),
                dir.resolve("d").resolve(SelfSignedCertificateStore.KEY_FILE)).fingerprint(), fingerprint);
    }

    @Test
    void pemFilesAreServed() throws Exception {
        Path d = dir.resolve("gen");
        String generated = SelfSignedCertificateStore.loadOrCreate(d).fingerprint();
        String served = runUntilStarted("--host=127.0.0.1", "--port=0", "--data-dir=" + dir.resolve("other"),
                "--cert=" + d.resolve(SelfSignedCertificateStore.CERT_FILE),
                "--key=" + d.resolve(SelfSignedCertificateStore.KEY_FILE));
        assertEquals(generated, served);
    }

    /** Runs the CLI in a thread, returns the printed fingerprint, stops it and checks exit code 0. */
    private String runUntilStarted(String... args) throws Exception {
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> main.run(args));
        Pattern listening = Pattern.compile("Parley relay listening on wss://127\\.0\\.0\\.1:(\\d+)/");
        Pattern certificate = Pattern.compile("Certificate SHA-256: ([0-9a-f]{64})\\n");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Matcher m = certificate.matcher("");
        while (System.nanoTime() < deadline && !(m = certificate.matcher(out())).find() && !exit.isDone()) {
            Thread.sleep(20);
        }
        assertTrue(listening.matcher(out()).find(), out() + err());
        main.requestStop();
        assertEquals(0, exit.get(20, TimeUnit.SECONDS));
        return m.group(1);
    }
}
