package org.parley.chat.internal;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.parley.chat.ChatException;
import org.parley.chat.ChatListener;
import org.parley.chat.ChatMessage;
import org.parley.chat.ChatService;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryEntry;
import org.parley.chat.HistoryService;
import org.parley.chat.IdentityService;
import org.parley.chat.IdentityStatus;
import org.parley.chat.TrustService;
import org.parley.chat.internal.history.LocalHistory;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.SchemeInfo;
import org.parley.identity.ContactBook;
import org.parley.identity.IdentityStore;
import org.parley.identity.ReplayGuard;
import org.parley.identity.TrustStore;
import org.parley.transport.ConnectOptions;
import org.parley.transport.FileCertificatePinStore;

/**
 * The {@link ChatService}, {@link IdentityService}, {@link TrustService} and {@link HistoryService} OSGi
 * service: one {@link ChatClient} whose schemes are the {@link CryptoScheme} services present at any
 * moment (schemes installed at runtime appear at once), and the {@link LocalHistory} that records its
 * events, opened whenever an identity is created, unlocked or imported.
 *
 * <p>Framework properties: {@value #HOME_PROPERTY}, the client data directory (default
 * {@code ~/.parley}), which holds the relay certificate pins in {@value #PINS_FILE}, the identity file
 * ({@code identity.parley}), the identity-key pins ({@code identity-pins.txt}) and the encrypted history
 * ({@code history.mv.db}); and
 * {@value #PLAINTEXT_PROPERTY} = {@code true} to allow unencrypted {@code ws://} relays (tests only).
 */
@Component(service = { ChatService.class, IdentityService.class, TrustService.class, HistoryService.class })
public final class ChatServiceComponent implements ChatService, IdentityService, TrustService, HistoryService {

    static final String HOME_PROPERTY = "parley.home";
    static final String PLAINTEXT_PROPERTY = "parley.insecure.plaintext";
    static final String PINS_FILE = "relay-pins.txt";

    private final SchemeRegistry schemes = new SchemeRegistry();
    private ExecutorService executor;
    private volatile ChatClient client; // read by bindScheme on the framework's thread
    private IdentityStore identityStore;
    private LocalHistory history;
    private HistoryBinding binding;

    @Activate
    void activate(BundleContext context) {
        Path home = dataDirectory(context.getProperty(HOME_PROPERTY));
        ConnectOptions options = ConnectOptions.trustOnFirstUse(new FileCertificatePinStore(home.resolve(PINS_FILE)))
                .withAllowPlaintext(Boolean.parseBoolean(context.getProperty(PLAINTEXT_PROPERTY)));
        executor = Executors.newCachedThreadPool(daemonThreads());
        // the stores of ChatClient(..., home), spelled out to keep the identity store: the history needs its key
        identityStore = new IdentityStore(home);
        client = new ChatClient(schemes, new WebSocketDialer(options), executor, ChatClient.DEFAULT_LOGIN_TIMEOUT,
                identityStore, new TrustStore(home.resolve(TrustStore.FILE_NAME)),
                new ContactBook(home.resolve(ContactBook.FILE_NAME)),
                ReplayGuard.persistent(Clock.systemUTC(), home.resolve(ReplayGuard.FILE_NAME)), Clock.systemUTC(),
                Backoff.standard(), Scheduler.on(executor));
        history = new LocalHistory(home);
        binding = HistoryBinding.bind(client, history);
    }

    @Deactivate
    void deactivate() {
        binding.unbindAndDisconnect(); // what the relay has not accepted stays SENDING for the next start
        history.shutdown(); // writes what is pending and closes the file
        executor.shutdown(); // queued work (the disconnect) still runs
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindScheme(CryptoScheme scheme) {
        schemes.add(scheme);
        ChatClient c = client; // null while the initial schemes bind, before activate
        if (c != null) {
            c.schemesChanged(); // installed live: publish its key
        }
    }

    void unbindScheme(CryptoScheme scheme) {
        schemes.remove(scheme);
    }

    static Path dataDirectory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        return Paths.get(System.getProperty("user.home"), ".parley");
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "parley-chat-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public CompletableFuture<Void> connect(URI relay, String user) {
        return client.connect(relay, user);
    }

    @Override
    public void disconnect() {
        client.disconnect();
    }

    @Override
    public CompletableFuture<ChatMessage> send(Conversation conversation, String text, String schemeId) {
        return client.send(conversation, text, schemeId);
    }

    @Override
    public CompletableFuture<ChatMessage> resend(ChatMessage message) {
        return client.resend(message);
    }

    @Override
    public ChatSnapshot snapshot() {
        return client.snapshot();
    }

    @Override
    public List<SchemeInfo> schemes() {
        return client.schemes();
    }

    @Override
    public void addListener(ChatListener listener) {
        client.addListener(listener);
    }

    @Override
    public void removeListener(ChatListener listener) {
        client.removeListener(listener);
    }

    @Override
    public void setAllowedSchemes(Set<String> schemeIds) {
        client.setAllowedSchemes(schemeIds);
    }

    @Override
    public IdentityStatus identityStatus() {
        return client.identityStatus();
    }

    @Override
    public CompletableFuture<Void> createIdentity(String user, char[] passphrase) {
        return client.createIdentity(user, passphrase).thenRun(this::openHistory);
    }

    @Override
    public CompletableFuture<Void> unlockIdentity(char[] passphrase) {
        return client.unlockIdentity(passphrase).thenRun(this::openHistory);
    }

    @Override
    public CompletableFuture<Void> exportIdentity(Path file) {
        return client.exportIdentity(file);
    }

    @Override
    public CompletableFuture<Void> importIdentity(Path file, char[] passphrase) {
        return client.importIdentity(file, passphrase).thenRun(this::openHistory);
    }

    @Override
    public void acceptIdentityKey(String user) throws ChatException {
        client.acceptIdentityKey(user);
    }

    @Override
    public void setVerified(String user, boolean verified) throws ChatException {
        client.setVerified(user, verified);
    }

    @Override
    public Optional<String> safetyNumber(String user) {
        return client.safetyNumber(user);
    }

    /**
     * Queues the opening of the history with the identity just unlocked. Runs before the caller's future
     * completes, so anything the caller does next (connecting, reading the history) queues after it.
     * A history that fails to open (another identity's file) does not fail the unlock: history calls
     * report it.
     */
    private void openHistory() {
        identityStore.current().ifPresent(history::open);
    }

    // HistoryService

    @Override
    public CompletableFuture<Integer> count(Conversation conversation) {
        return history.count(conversation);
    }

    @Override
    public CompletableFuture<List<HistoryEntry>> page(Conversation conversation, long beforeSeq, int limit) {
        return history.page(conversation, beforeSeq, limit);
    }

    @Override
    public CompletableFuture<List<HistoryEntry>> search(String query, int limit) {
        return history.search(query, limit);
    }

    @Override
    public CompletableFuture<List<Conversation>> conversations() {
        return history.conversations();
    }

    @Override
    public CompletableFuture<List<ChatMessage>> unsent() {
        return history.unsent();
    }

    @Override
    public CompletableFuture<Integer> export(Conversation conversation, Path file, ExportFormat format) {
        return history.export(conversation, file, format);
    }
}
