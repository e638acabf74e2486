package org.parley.chat.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.chat.Conversation;
import org.parley.chat.IdentityService;
import org.parley.crypto.api.CryptoScheme;
import org.parley.transport.CertificatePinStore;
import org.parley.transport.ConnectOptions;
import org.parley.transport.FileCertificatePinStore;
import org.parley.transport.InMemoryCertificatePinStore;

/**
 * A Parley client without a UI, for scripts, bots and the product smoke test: the same
 * {@link ChatClient} the workbench uses, with the schemes found on the class path through
 * {@link ServiceLoader} (each scheme bundle registers itself in {@code META-INF/services}).
 *
 * <p>Identity: with {@code --data-dir DIR} the identity in DIR is unlocked (or created for
 * {@code --user} if DIR has none) with the passphrase from the first line of
 * {@code --passphrase-file FILE} or, failing that, the environment variable {@code PARLEY_PASSPHRASE};
 * relay pins are then kept in DIR too. Without {@code --data-dir} a throwaway identity with a random
 * passphrase is created in a temporary directory that is deleted on exit.
 *
 * <p>Lines read from standard input are sent: {@code @user text} to one user, anything else to
 * everyone. Events are printed one per line: {@code JOIN}, {@code LEAVE}, {@code MSG}, {@code NOTICE},
 * {@code STATUS <id> SENT|DELIVERED|FAILED <detail>} for the local user's messages,
 * {@code RECEIPT <id> <user>} for every recipient that acknowledged one, and
 * {@code STATE <state> <detail>} when the connection changes (for example {@code STATE RECONNECTING
 * retrying in 4 s (attempt 3)}). The connection is re-established by itself after a loss. Received
 * messages are printed because showing them is this program's job; nothing is logged anywhere else.
 */
public final class HeadlessClient {

    private static final String USAGE = "usage: HeadlessClient --relay wss://host:port --user NAME"
            + " [--data-dir DIR [--passphrase-file FILE]] [--pin-file FILE] [--echo] [--exit-after N]"
            + " [--timeout SECONDS]   (passphrase also from $PARLEY_PASSPHRASE)";
    private static final int MAX_PASSPHRASE_FILE_BYTES = 4096;

    private HeadlessClient() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out));
    }

    /** Runs the client; returns the process exit code (0 done, 1 failure or time-out, 2 bad arguments). */
    static int run(String[] args, PrintStream out) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println(USAGE);
            return 2;
        }
        List<CryptoScheme> schemes = new ArrayList<>();
        ServiceLoader.load(CryptoScheme.class, HeadlessClient.class.getClassLoader()).forEach(schemes::add);
        if (schemes.isEmpty()) {
            out.println("no encryption scheme on the class path");
            return 1;
        }
        Path home = o.dataDir == null ? throwawayDirectory() : Path.of(o.dataDir);
        CertificatePinStore pins = o.pinFile != null ? new FileCertificatePinStore(Path.of(o.pinFile))
                : o.dataDir != null ? new FileCertificatePinStore(home.resolve(ChatServiceComponent.PINS_FILE))
                : new InMemoryCertificatePinStore();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "parley-headless");
            t.setDaemon(true);
            return t;
        });
        ChatClient client = new ChatClient(SchemeRegistry.of(schemes.toArray(new CryptoScheme[0])),
                new WebSocketDialer(ConnectOptions.trustOnFirstUse(pins)), pool, ChatClient.DEFAULT_LOGIN_TIMEOUT, home);
        char[] passphrase = o.dataDir == null ? randomPassphrase() : passphrase(o.passphraseFile);
        if (passphrase == null) {
            out.println("a passphrase is needed for --data-dir: --passphrase-file FILE or $PARLEY_PASSPHRASE");
            return 2;
        }
        try {
            (client.identityStatus().state() == IdentityService.State.NONE ? client.createIdentity(o.user, passphrase)
                    : client.unlockIdentity(passphrase)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.println("FAILED " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            return 1;
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        out.println("IDENTITY " + client.identityStatus().user().orElse("?") + " "
                + client.identityStatus().fingerprint().orElse("?"));
        CountDownLatch done = new CountDownLatch(o.exitAfter > 0 ? o.exitAfter : 1);
        client.addListener(event -> print(event, out, client, o.echo, done));
        client.addReceiptObserver((id, user, ts) -> {
            out.println("RECEIPT " + id + " " + user);
            out.flush();
        });
        try {
            client.connect(URI.create(o.relay), o.user).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.println("FAILED " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            return 1;
        }
        out.println("CONNECTED " + o.user + " " + client.snapshot().relayFingerprint().orElse("plaintext"));
        Thread input = new Thread(() -> readCommands(client), "parley-headless-stdin");
        input.setDaemon(true);
        input.start();
        boolean finished = o.exitAfter > 0 ? done.await(o.timeoutSeconds, TimeUnit.SECONDS)
                : awaitForever(done);
        client.disconnect();
        return finished ? 0 : 1;
    }

    /** A temporary data directory, deleted (with the throwaway identity in it) when the JVM exits. */
    private static Path throwawayDirectory() throws java.io.IOException {
        Path dir = Files.createTempDirectory("parley-headless-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException e) {
                // best effort: it is in the temporary directory and holds only an encrypted throwaway key
            }
        }));
        return dir;
    }

    private static char[] randomPassphrase() {
        char[] chars = new char[32];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return chars;
    }

    /** The first line of {@code file}, else $PARLEY_PASSPHRASE, else null. */
    private static char[] passphrase(String file) throws java.io.IOException {
        if (file == null) {
            String env = System.getenv("PARLEY_PASSPHRASE");
            return env == null || env.isEmpty() ? null : env.toCharArray();
        }
        Path path = Path.of(file);
        if (Files.size(path) > MAX_PASSPHRASE_FILE_BYTES) {
            throw new IllegalArgumentException("the passphrase file is larger than " + MAX_PASSPHRASE_FILE_BYTES + " bytes");
        }
        byte[] bytes = Files.readAllBytes(path);
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
        Arrays.fill(bytes, (byte) 0);
        int end = 0;
        while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
            end++;
        }
        char[] line = Arrays.copyOf(chars.array(), end);
        Arrays.fill(chars.array(), '\0');
        return line;
    }

    private static boolean awaitForever(CountDownLatch latch) throws InterruptedException {
        latch.await();
        return true;
    }

    private static void readCommands(ChatClient client) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null;) {
                if (line.startsWith("@") && line.indexOf(' ') > 1) {
                    client.send(Conversation.with(line.substring(1, line.indexOf(' '))),
                            line.substring(line.indexOf(' ') + 1), SchemeRegistry.DEFAULT_SCHEME_ID);
                } else if (!line.isBlank()) {
                    client.send(Conversation.everyone(), line, SchemeRegistry.DEFAULT_SCHEME_ID);
                }
            }
        } catch (java.io.IOException e) {
            // standard input closed: keep receiving
        }
    }

    private static void print(ChatEvent event, PrintStream out, ChatClient client, boolean echo,
            CountDownLatch done) {
        if (event instanceof ChatEvent.PresenceChanged p) {
            out.println((p.online() ? "JOIN " : "LEAVE ") + p.contact().user() + " " + p.contact().trust() + " "
                    + p.contact().fingerprint());
        } else if (event instanceof ChatEvent.MessageAdded m && !m.message().outgoing()) {
            ChatMessage msg = m.message();
            out.println("MSG " + msg.sender() + " " + msg.conversation().peer() + " " + msg.schemeId() + ": " + msg.text());
            if (echo) {
                client.send(Conversation.with(msg.sender()), "echo: " + msg.text(), msg.schemeId())
                        .whenComplete((sent, failure) -> done.countDown());
            } else {
                done.countDown();
            }
        } else if (event instanceof ChatEvent.Notice n) {
            out.println("NOTICE " + n.conversation().peer() + ": " + n.text());
        } else if (event instanceof ChatEvent.MessageStatusChanged s) {
            out.println("STATUS " + s.messageId() + " " + s.status() + (s.detail() == null ? "" : " " + s.detail()));
        } else if (event instanceof ChatEvent.ConnectionChanged c) {
            // "STATE", not "CONNECTED …": scripts wait for the one CONNECTED line printed after login
            out.println("STATE " + c.state() + (c.detail() == null ? "" : " " + c.detail()));
        }
        out.flush();
    }

    private static final class Options {
        String relay;
        String user;
        String pinFile;
        String dataDir;
        String passphraseFile;
        boolean echo;
        int exitAfter;
        long timeoutSeconds = 120;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--relay" -> o.relay = value(args, ++i);
                    case "--user" -> o.user = value(args, ++i);
                    case "--pin-file" -> o.pinFile = value(args, ++i);
                    case "--data-dir" -> o.dataDir = value(args, ++i);
                    case "--passphrase-file" -> o.passphraseFile = value(args, ++i);
                    case "--echo" -> o.echo = true;
                    case "--exit-after" -> o.exitAfter = Integer.parseInt(value(args, ++i));
                    case "--timeout" -> o.timeoutSeconds = Long.parseLong(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            if (o.relay == null || o.user == null) {
                throw new IllegalArgumentException("--relay and --user are required");
            }
            return o;
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException("missing value after " + args[i - 1]);
            }
            return args[i];
        }
    }
}
