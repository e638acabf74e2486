package org.parley.chat.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.ChatListener;
import org.parley.chat.ChatMessage;
import org.parley.chat.ChatService;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.ConnectionState;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.chat.IdentityService;
import org.parley.chat.IdentityStatus;
import org.parley.chat.TrustService;
import org.parley.crypto.api.SchemeInfo;
import org.parley.identity.ContactBook;
import org.parley.identity.Identity;
import org.parley.identity.IdentityStore;
import org.parley.identity.ReplayGuard;
import org.parley.identity.TrustStore;
import org.parley.protocol.Formats;
import org.parley.protocol.Frame;
import org.parley.protocol.FrameCodec;
import org.parley.protocol.ProtocolException;

/**
 * {@link ChatService}, {@link IdentityService} and {@link TrustService} in plain Java: usable in tests,
 * in a headless client and (through {@link ChatServiceComponent}) in the product.
 *
 * <p>{@link #connect} needs an unlocked identity of the same user name; it adds key pairs for newly
 * installed schemes, dials, and logs in ({@link Login}). The directory holds only verified bundles
 * ({@link Presences}): of the users online, and of known contacts who are offline, remembered in the data
 * directory ({@link KnownContacts}), so that a direct message to an offline contact is sealed for its
 * remembered keys and stored by the relay, and a stored message from an offline sender verifies.
 * Outgoing messages are sealed and signed ({@link Sender}); incoming ones pass the receiver checks of
 * PROTOCOL.md §4.4 ({@link Receiver}, with a replay journal in the data directory) and every delivery
 * is acknowledged with {@code ack}, except one the replay journal could not record (fail closed: the
 * relay delivers it again after the next login). Outgoing messages go SENDING → SENT → DELIVERED or FAILED ({@link Outbox},
 * {@link Receipts}).
 *
 * <p><b>Reliable delivery.</b> Once logged in, a lost connection (closed, broken, or silent past the
 * transport's heartbeat) is not the end: the client shows {@link ConnectionState#RECONNECTING}, logs
 * in again with the same identity after an exponential backoff with full jitter ({@link Reconnector}),
 * and then resends every message the relay had not accepted, with the same id, so receivers de-duplicate
 * it. The user's {@link #disconnect} and permanent failures (changed relay certificate, a login the
 * relay refuses for good) end the session instead, and fail what was not accepted. While reconnecting,
 * {@link #send} fails fast with a {@link ChatException} rather than queueing: a message to everyone is
 * sealed for the recipients online at the moment of sending, and while reconnecting nobody is known to be
 * online. Across a restart the outbox is the history's: {@link HistoryBinding} hands what it still has as
 * SENDING to {@link #resendUnsent} after each login, and {@link #resend} sends a failed message again;
 * both seal it anew with its original id.
 *
 * <h3>Security guarantees</h3>
 * Plaintext, keys and passphrases are never logged, and only sealed bodies reach the relay. Every text
 * from the wire is size-capped. The relay can neither forge, re-label, replay nor redirect a message,
 * nor substitute a contact's keys, without the user being told.
 *
 * <h3>Threading</h3>
 * Thread-safe and non-blocking. Session state lives on one serial executor over the given executor,
 * which also calls the listeners, in event order. Identity work runs on the given executor directly.
 */
public final class ChatClient implements ChatService, IdentityService, TrustService {

    /** How long {@link #connect} waits for the relay's {@code welcome}. */
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(15);

    /**
     * How old a message a previous run left unsent may be and still go out by itself after a login: the
     * receivers' replay window ({@link ReplayGuard#MAX_AGE}), within which a receiver that did get the
     * first copy recognises the repeat.
     */
    public static final Duration UNSENT_MAX_AGE = ReplayGuard.MAX_AGE;

    private static final ChatSnapshot OFFLINE = new ChatSnapshot(ConnectionState.DISCONNECTED, Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), List.of());

    private final SchemeRegistry schemes;
    private final RelayDialer dialer;
    private final SerialExecutor events;
    private final Duration loginTimeout;
    private final FrameCodec codec = new FrameCodec();
    private final Listeners listeners = new Listeners();
    private final AllowedSchemes allowed = new AllowedSchemes();
    private final Identities identities;
    private final TrustKeeper trust;
    private final KnownContacts known;
    private final Login login;
    private final Presences presences;
    private final Receiver receiver;
    private final Sender sender;
    private final Receipts receipts;
    private final Outbox outbox;
    private final Reconnector reconnector;
    private final Clock clock;
    /**
     * Ids of the messages this run has sent (bounded, oldest forgotten): {@link #resendUnsent} leaves them
     * to the outbox, which knows better than a history that may lag behind.
     */
    private final Map<String, Boolean> sentThisRun = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > Receipts.MAX_TRACKED;
        }
    };
    private Session session; // confined to events, like every field below
    private volatile ChatSnapshot snapshot = OFFLINE;

    /**
     * A client keeping its identity, identity-key pins, remembered contact bundles and replay journal in
     * {@code dataDirectory}.
     */
    public ChatClient(SchemeRegistry schemes, RelayDialer dialer, Executor executor, Duration loginTimeout,
            Path dataDirectory) {
        this(schemes, dialer, executor, loginTimeout, new IdentityStore(dataDirectory),
                new TrustStore(dataDirectory.resolve(TrustStore.FILE_NAME)),
                new ContactBook(dataDirectory.resolve(ContactBook.FILE_NAME)),
                ReplayGuard.persistent(Clock.systemUTC(), dataDirectory.resolve(ReplayGuard.FILE_NAME)),
                Clock.systemUTC(), Backoff.standard(), Scheduler.on(executor));
    }

    /**
     * A client with explicit stores and clock (tests), reconnecting with {@link Backoff#standard()};
     * contacts and the replay guard in memory only.
     */
    public ChatClient(SchemeRegistry schemes, RelayDialer dialer, Executor executor, Duration loginTimeout,
            IdentityStore identityStore, TrustStore trustStore, Clock clock) {
        this(schemes, dialer, executor, loginTimeout, identityStore, trustStore, clock, Backoff.standard(),
                Scheduler.on(executor));
    }

    /**
     * A client with explicit stores, clock, reconnect backoff and the scheduler that waits it out
     * (tests); contacts and the replay guard in memory only.
     */
    public ChatClient(SchemeRegistry schemes, RelayDialer dialer, Executor executor, Duration loginTimeout,
            IdentityStore identityStore, TrustStore trustStore, Clock clock, Backoff backoff, Scheduler scheduler) {
        this(schemes, dialer, executor, loginTimeout, identityStore, trustStore, ContactBook.inMemory(),
                ReplayGuard.standard(clock), clock, backoff, scheduler);
    }

    /** A client with every store explicit (tests that restart a client on the same data). */
    public ChatClient(SchemeRegistry schemes, RelayDialer dialer, Executor executor, Duration loginTimeout,
            IdentityStore identityStore, TrustStore trustStore, ContactBook contactBook, ReplayGuard replayGuard,
            Clock clock, Backoff backoff, Scheduler scheduler) {
        this.schemes = Objects.requireNonNull(schemes, "schemes");
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.events = new SerialExecutor(Objects.requireNonNull(executor, "executor"));
        this.loginTimeout = Objects.requireNonNull(loginTimeout, "loginTimeout");
        this.identities = new Identities(identityStore, executor);
        this.trust = new TrustKeeper(trustStore);
        this.known = new KnownContacts(Objects.requireNonNull(contactBook, "contactBook"), trust);
        this.login = new Login(schemes, allowed, identities, clock);
        this.presences = new Presences(trust, known, listeners);
        SchemeStates states = new SchemeStates();
        this.receiver = new Receiver(schemes, allowed, states, listeners, Objects.requireNonNull(replayGuard,
                "replayGuard"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sender = new Sender(schemes, allowed, states, clock);
        this.receipts = new Receipts(listeners);
        this.outbox = new Outbox(Outbox.DEFAULT_CAPACITY, listeners, receipts);
        this.reconnector = new Reconnector(Objects.requireNonNull(backoff, "backoff"),
                Objects.requireNonNull(scheduler, "scheduler"), this::later);
    }

    @Override
    public CompletableFuture<Void> connect(URI relay, String user) {
        CompletableFuture<Void> loggedIn = new CompletableFuture<>();
        events.execute(() -> begin(Objects.requireNonNull(relay, "relay"), user, loggedIn));
        return loggedIn;
    }

    @Override
    public void disconnect() {
        events.execute(() -> {
            Optional<URI> waiting = reconnector.target().map(Reconnector.Target::relay);
            reconnector.disarm();
            if (session != null) {
                end(session, ConnectionState.DISCONNECTED, "Disconnected.");
            } else if (waiting.isPresent()) { // between two reconnect attempts
                finish(waiting.get(), ConnectionState.DISCONNECTED, "Disconnected.");
            }
        });
    }

    @Override
    public CompletableFuture<ChatMessage> send(Conversation conversation, String text, String schemeId) {
        CompletableFuture<ChatMessage> result = new CompletableFuture<>();
        events.execute(() -> {
            try {
                result.complete(sendNow(conversation, text, schemeId));
            } catch (ChatException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    @Override
    public CompletableFuture<ChatMessage> resend(ChatMessage message) {
        Objects.requireNonNull(message, "message");
        CompletableFuture<ChatMessage> result = new CompletableFuture<>();
        events.execute(() -> {
            try {
                result.complete(resendNow(message));
            } catch (ChatException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * Sends again what an earlier run of the client left SENDING (read from the history after a login),
     * oldest first. Messages of this run are skipped: the outbox and the reconnect logic already look
     * after them. A message that waited longer than {@link #UNSENT_MAX_AGE} is marked FAILED instead of
     * going out unasked; the user can still send it with {@link #resend}.
     */
    public void resendUnsent(List<ChatMessage> unsent) {
        List<ChatMessage> copy = List.copyOf(unsent);
        events.execute(() -> {
            for (ChatMessage m : copy) {
                if (!m.outgoing() || m.status() != ChatMessage.Status.SENDING || sentThisRun.containsKey(m.id())) {
                    continue;
                }
                if (clock.millis() - m.timestamp() > UNSENT_MAX_AGE.toMillis()) {
                    listeners.emit(new ChatEvent.MessageStatusChanged(m.conversation(), m.id(),
                            ChatMessage.Status.FAILED, "Parley was closed before the relay accepted it, more than "
                                    + UNSENT_MAX_AGE.toDays() + " days ago; send it again if it still matters."));
                    continue;
                }
                try {
                    resendNow(m);
                } catch (ChatException e) {
                    // marked FAILED by resendNow if it cannot be sealed; if the connection is gone again it
                    // stays SENDING in the history and the next login tries again
                }
            }
        });
    }

    @Override
    public ChatSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public List<SchemeInfo> schemes() {
        return schemes.infos().stream().filter(i -> allowed.allows(i.id())).collect(Collectors.toList());
    }

    @Override
    public void setAllowedSchemes(Set<String> schemeIds) {
        allowed.set(schemeIds);
    }

    /**
     * Call when a scheme was installed while running (a plugin installed live). The key bundle travels
     * only in {@code hello}, so a session that lacks the new scheme's key logs in again: the key is made
     * and saved, contacts see a fresh bundle and can write with the new scheme at once. Unaccepted
     * messages are resent after the new login, as after any reconnect.
     */
    public void schemesChanged() {
        events.execute(() -> {
            Session s = session;
            if (s == null || !s.welcomed) {
                return; // the next login publishes every installed scheme anyway
            }
            List<String> added = login.unpublished(s);
            if (added.isEmpty()) {
                return;
            }
            listeners.notice(Conversation.everyone(), "New encryption scheme " + String.join(", ", added)
                    + " installed: logging in again to publish its key.");
            teardown(s);
            snapshot = new ChatSnapshot(ConnectionState.RECONNECTING, Optional.of(s.relay.toString()), Optional.empty(),
                    Optional.empty(), Optional.empty(), List.of());
            listeners.emit(new ChatEvent.ConnectionChanged(ConnectionState.RECONNECTING,
                    "publishing the key of a new encryption scheme"));
            start(s.relay, s.user, new CompletableFuture<>(), true);
        });
    }

    @Override
    public void addListener(ChatListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ChatListener listener) {
        listeners.remove(listener);
    }

    /**
     * Tells {@code observer} about every receipt for a message of this client (each recipient once),
     * on the event executor. Not part of {@link ChatService}: the UI sees the resulting state changes;
     * the headless client prints each receipt.
     */
    void addReceiptObserver(Receipts.Observer observer) {
        events.execute(() -> receipts.addObserver(observer));
    }

    // IdentityService

    @Override
    public IdentityStatus identityStatus() {
        return identities.status();
    }

    @Override
    public CompletableFuture<Void> createIdentity(String user, char[] passphrase) {
        if (!Formats.isUser(user)) {
            return CompletableFuture.failedFuture(new ChatException(
                    "A user name is 1-32 characters: letters, digits, '_', '.' or '-'."));
        }
        if (passphrase.length == 0) {
            return CompletableFuture.failedFuture(new ChatException("Choose a passphrase: it protects your keys."));
        }
        return identities.create(user, passphrase, allowed.filter(schemes.list()));
    }

    @Override
    public CompletableFuture<Void> unlockIdentity(char[] passphrase) {
        return identities.unlock(passphrase);
    }

    @Override
    public CompletableFuture<Void> exportIdentity(Path file) {
        return identities.exportTo(file);
    }

    @Override
    public CompletableFuture<Void> importIdentity(Path file, char[] passphrase) {
        return identities.importFrom(file, passphrase);
    }

    // TrustService

    @Override
    public void acceptIdentityKey(String user) throws ChatException {
        trust.accept(user);
        later(() -> {
            if (session != null) {
                presences.retrust(session, user, Contact.Trust.TRUSTED);
                listeners.notice(Conversation.with(user), "You accepted " + user + "'s new identity key.");
                publish(session, snapshot.state(), null);
            }
        });
    }

    @Override
    public void setVerified(String user, boolean verified) throws ChatException {
        Contact.Trust now = trust.setVerified(user, verified);
        later(() -> {
            if (session != null) {
                presences.retrust(session, user, now);
                publish(session, snapshot.state(), null);
            }
        });
    }

    @Override
    public Optional<String> safetyNumber(String user) {
        return trust.safetyNumber(identities.current(), user);
    }

    // the session

    private void begin(URI relay, String user, CompletableFuture<Void> loggedIn) {
        try {
            if (!Formats.isUser(user)) {
                throw new ChatException("A user name is 1-32 characters: letters, digits, '_', '.' or '-'.");
            }
            if (session != null) {
                throw new ChatException("Already connected to " + session.relay + " as " + session.user
                        + "; disconnect first.");
            }
            if (reconnector.armed()) {
                throw new ChatException("Reconnecting to " + reconnector.target().get().relay() + "; disconnect first.");
            }
            login.check(user);
        } catch (ChatException e) {
            loggedIn.completeExceptionally(e);
            return;
        }
        start(relay, user, loggedIn, false);
    }

    /** Logs in again after a lost connection, as the same user at the same relay. */
    private void resume() {
        Reconnector.Target target = reconnector.target().orElseThrow();
        if (session != null) {
            return;
        }
        try {
            login.check(target.user()); // the identity may have been locked or replaced meanwhile
        } catch (ChatException e) {
            reconnector.disarm();
            finish(target.relay(), ConnectionState.FAILED, e.getMessage());
            return;
        }
        start(target.relay(), target.user(), new CompletableFuture<>(), true);
    }

    private void start(URI relay, String user, CompletableFuture<Void> loggedIn, boolean resumed) {
        Session s = new Session(relay, user, "hello-" + UUID.randomUUID(), "auth-" + UUID.randomUUID(), loggedIn,
                resumed, known);
        session = s;
        if (!resumed) { // a retry stays RECONNECTING until it succeeds
            publish(s, ConnectionState.CONNECTING, "Connecting to " + relay + " …");
        }
        login.prepare().whenCompleteAsync((identity, e) -> dial(s, identity, e), events);
    }

    private void dial(Session s, Identity identity, Throwable failure) {
        if (session != s) {
            return;
        }
        if (failure != null) {
            dropped(s, ConnectionState.FAILED, messageOf(failure), true);
        } else if (!login.adopt(s, identity)) {
            dropped(s, ConnectionState.FAILED, "No encryption scheme is installed that could make a key.", true);
        } else {
            dialer.dial(s.relay, inbound(s)).whenCompleteAsync((link, e) -> opened(s, link, e), events);
        }
    }

    private void opened(Session s, RelayLink link, Throwable failure) {
        if (session != s) {
            if (link != null) {
                link.close();
            }
            return;
        }
        if (failure != null) {
            dropped(s, ConnectionState.FAILED, messageOf(failure), Reconnector.permanent(failure));
            return;
        }
        s.link = Optional.of(link);
        write(s, login.hello(s));
        CompletableFuture.delayedExecutor(loginTimeout.toMillis(), TimeUnit.MILLISECONDS, events).execute(() -> {
            if (session == s && !s.welcomed) {
                dropped(s, ConnectionState.FAILED,
                        "The relay did not answer the login within " + loginTimeout.toSeconds() + " s.", false);
            }
        });
    }

    /** Writes {@code frame}; a failed write means a broken link, handled like a lost connection. */
    private void write(Session s, Frame frame) {
        s.link.orElseThrow().send(codec.encode(frame)).whenCompleteAsync((v, e) -> {
            if (e != null && session == s) {
                dropped(s, ConnectionState.FAILED, messageOf(e), false);
            }
        }, events);
    }

    private RelayLink.Inbound inbound(Session s) {
        return new RelayLink.Inbound() {
            @Override
            public void onText(String text) {
                later(() -> {
                    if (session == s) {
                        received(s, text);
                    }
                });
            }

            @Override
            public void onClosed(String reason, boolean failure) {
                later(() -> {
                    if (session == s) {
                        dropped(s, failure ? ConnectionState.FAILED : ConnectionState.DISCONNECTED, reason, false);
                    }
                });
            }
        };
    }

    /** Runs {@code task} on the event executor; after shutdown, transport callbacks are dropped. */
    private void later(Runnable task) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            // the executor was shut down with the component; nobody is listening any more
        }
    }

    private void received(Session s, String text) {
        Frame frame;
        try {
            frame = codec.decode(text, FrameCodec.DEFAULT_MAX_FRAME_BYTES);
        } catch (ProtocolException e) {
            listeners.notice(Conversation.everyone(),
                    "Ignored an invalid message from the relay (" + e.code().wireName() + "): " + e.getMessage());
            return;
        }
        if (frame instanceof Frame.Challenge c) {
            login.answer(s, c).ifPresent(auth -> write(s, auth));
        } else if (frame instanceof Frame.Welcome w) {
            if (login.welcomes(s, w)) {
                welcome(s, w);
            }
        } else if (frame instanceof Frame.Error err) {
            relayError(s, err);
        } else if (!s.welcomed) {
            return; // nothing else means anything before the login is accepted
        } else if (frame instanceof Frame.Presence p) {
            presences.presence(s, p);
            publish(s, ConnectionState.CONNECTED, null);
        } else if (frame instanceof Frame.Deliver d) {
            if (receiver.deliver(s, d) == Receiver.Disposition.PROCESSED) {
                // only now may the relay forget it (PROTOCOL.md §3, store and forward)
                write(s, new Frame.Ack(d.id(), d.from()));
            }
        } else if (frame instanceof Frame.Sent sent) {
            outbox.sent(sent);
        } else if (frame instanceof Frame.Receipt r) {
            receipts.receipt(r);
        }
        // hello, auth, send and ack are client frames; a relay has no business sending them
    }

    private void welcome(Session s, Frame.Welcome w) {
        s.welcomed = true;
        presences.welcome(s, w.users());
        String tls = s.link.flatMap(RelayLink::tlsProtocol).map(p -> " over " + p).orElse(" without TLS");
        publish(s, ConnectionState.CONNECTED, "Connected to " + s.relay + " as " + s.user + tls);
        reconnector.arm(s.relay, s.user);
        s.loggedIn.complete(null);
        resend(s);
    }

    /** Writes again what the relay never accepted, oldest first, with the same ids. */
    private void resend(Session s) {
        for (Outbox.Entry e : outbox.unaccepted()) {
            Frame.Send frame = sender.resign(s, e.frame());
            outbox.replace(e.message().id(), frame);
            write(s, frame);
        }
    }

    private void relayError(Session s, Frame.Error err) {
        String message = err.message().length() > 500 ? err.message().substring(0, 500) + "…" : err.message();
        if (!s.welcomed) {
            dropped(s, ConnectionState.FAILED, "The relay refused the login: " + message,
                    Reconnector.permanent(err.code()));
        } else if (err.ref().isEmpty() || !outbox.failed(err.ref().get(), message)) {
            listeners.notice(Conversation.everyone(), "The relay reported an error: " + message);
        }
    }

    private ChatMessage sendNow(Conversation conversation, String text, String schemeId) throws ChatException {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(text, "text");
        Session s = sendingSession();
        Sender.Outgoing out = sender.seal(s, conversation, text, schemeId);
        ChatMessage message = out.message();
        outbox.add(message, out.frame());
        sentThisRun.put(message.id(), Boolean.TRUE);
        listeners.emit(new ChatEvent.MessageAdded(message));
        // a failed write drops the connection; the message stays in the outbox and is resent after reconnecting
        write(s, out.frame());
        return message;
    }

    private ChatMessage resendNow(ChatMessage message) throws ChatException {
        if (!message.outgoing()) {
            throw new ChatException("Only your own messages can be sent again.");
        }
        Optional<Outbox.Entry> waiting = outbox.get(message.id());
        if (waiting.isPresent()) {
            return waiting.get().message(); // goes out again with the next login
        }
        Session s = sendingSession();
        if (!message.sender().equals(s.user)) {
            throw new ChatException("This message was sent as " + message.sender() + "; log in as "
                    + message.sender() + " to send it again.");
        }
        Sender.Outgoing out;
        try {
            out = sender.sealAgain(s, message);
        } catch (ChatException e) {
            listeners.emit(new ChatEvent.MessageStatusChanged(message.conversation(), message.id(),
                    ChatMessage.Status.FAILED, e.getMessage()));
            throw e;
        }
        outbox.add(out.message(), out.frame());
        sentThisRun.put(message.id(), Boolean.TRUE);
        listeners.emit(new ChatEvent.MessageStatusChanged(message.conversation(), message.id(),
                ChatMessage.Status.SENDING, "sending again"));
        write(s, out.frame());
        return out.message();
    }

    /** The session to send on, if logged in and the outbox has room. */
    private Session sendingSession() throws ChatException {
        Session s = session;
        if (s == null || !s.welcomed || s.link.isEmpty()) {
            if (reconnector.armed()) {
                throw new ChatException("Not sent: the connection to the relay was lost and Parley is reconnecting."
                        + " Send it again once connected.");
            }
            throw new ChatException("Not connected to a relay.");
        }
        if (outbox.isFull()) {
            throw new ChatException("Not sent: " + outbox.capacity() + " messages are still waiting for the relay to "
                    + "accept them. Try again in a moment.");
        }
        return s;
    }

    /**
     * The session's connection or login failed, not at the user's request: reconnect if a login was
     * accepted before and the failure is not {@code permanent}; else end in {@code finalState}.
     */
    private void dropped(Session s, ConnectionState finalState, String detail, boolean permanent) {
        if (!reconnector.armed() || permanent) {
            reconnector.disarm();
            end(s, finalState, detail);
            return;
        }
        teardown(s);
        if (s.welcomed) { // a lost connection, rather than one more failed attempt
            listeners.notice(Conversation.everyone(), "Lost the connection to the relay: " + detail);
        }
        String when = reconnector.schedule(this::resume);
        snapshot = new ChatSnapshot(ConnectionState.RECONNECTING, Optional.of(s.relay.toString()), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of());
        listeners.emit(new ChatEvent.ConnectionChanged(ConnectionState.RECONNECTING, when));
        s.loggedIn.completeExceptionally(new ChatException(detail));
    }

    /** Ends the session for good: closes it and fails what the relay has not accepted. */
    private void end(Session s, ConnectionState state, String detail) {
        teardown(s);
        finish(s.relay, state, detail);
        s.loggedIn.completeExceptionally(new ChatException(detail));
    }

    /** Forgets the session: closes its link, and its contacts go offline. */
    private void teardown(Session s) {
        session = null;
        s.link.ifPresent(RelayLink::close);
        List<Contact> gone = s.directory.onlineContacts();
        s.directory.clear();
        gone.forEach(c -> listeners.emit(new ChatEvent.PresenceChanged(c.withOnline(false), false)));
    }

    private void finish(URI relay, ConnectionState state, String detail) {
        outbox.failAll("Not confirmed by the relay before the connection ended.");
        snapshot = new ChatSnapshot(state, Optional.of(relay.toString()), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
        listeners.emit(new ChatEvent.ConnectionChanged(state, detail));
    }

    /** Updates the snapshot, and announces a state change if {@code detail} is given. */
    private void publish(Session s, ConnectionState state, String detail) {
        boolean in = state == ConnectionState.CONNECTED;
        snapshot = new ChatSnapshot(state, Optional.of(s.relay.toString()), in ? Optional.of(s.user) : Optional.empty(),
                s.link.flatMap(RelayLink::certificateFingerprint), s.link.flatMap(RelayLink::tlsProtocol),
                s.directory.contacts());
        if (detail != null) {
            listeners.emit(new ChatEvent.ConnectionChanged(state, detail));
        }
    }

    private static String messageOf(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
