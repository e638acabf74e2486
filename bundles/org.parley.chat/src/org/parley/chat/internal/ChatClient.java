package org.parley.chat.internal;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatException;
import org.parley.chat.ChatListener;
import org.parley.chat.ChatMessage;
import org.parley.chat.ChatService;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.ConnectionState;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.SchemeInfo;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.protocol.Bytes;
import org.parley.protocol.Formats;
import org.parley.protocol.Frame;
import org.parley.protocol.FrameCodec;
import org.parley.protocol.ProtocolException;
import org.parley.protocol.UserKeys;
import org.parley.transport.CertificatePinStore;
import org.parley.transport.ConnectOptions;

/**
 * The {@link ChatService} in plain Java: usable in tests, in a headless client and (through
 * {@link ChatServiceComponent}) in the product.
 *
 * <p>On {@link #connect} it generates one key pair per installed scheme (once per instance, in the
 * background), dials the relay, sends {@code hello} with all public keys and waits for {@code welcome}.
 * It keeps the directory of online users from {@code welcome} and {@code presence}, seals outgoing
 * messages once for all recipients and opens incoming ones (see {@link Sender}, {@link Receiver}).
 *
 * <h3>Security guarantees</h3>
 * Plaintext and keys are never logged, and only sealed bodies reach the relay. Incoming messages are
 * opened with associated data naming the relay-stamped sender. Every text from the wire is size-capped.
 *
 * <h3>Threading</h3>
 * Thread-safe and non-blocking. All state lives on one serial executor over the given executor, which
 * also calls the listeners, in event order. Key generation runs on the given executor directly.
 */
public final class ChatClient implements ChatService {

    /** How long {@link #connect} waits for the relay's {@code welcome}. */
    public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(15);

    private static final ChatSnapshot OFFLINE = new ChatSnapshot(ConnectionState.DISCONNECTED, Optional.empty(),
            Optional.empty(), Optional.empty(), List.of());

    private final SchemeRegistry schemes;
    private final RelayDialer dialer;
    private final Executor background;
    private final SerialExecutor events;
    private final Duration loginTimeout;
    private final FrameCodec codec = new FrameCodec();
    private final KeyRing keyRing = new KeyRing();
    private final Listeners listeners = new Listeners();
    private final Receiver receiver;
    private final Sender sender;
    private Session session; // confined to events
    private volatile ChatSnapshot snapshot = OFFLINE;

    /** A client for TLS relays only, trusting each relay's certificate on first use with {@code pins}. */
    public ChatClient(SchemeRegistry schemes, CertificatePinStore pins, Executor executor) {
        this(schemes, new WebSocketDialer(ConnectOptions.trustOnFirstUse(pins)), executor, DEFAULT_LOGIN_TIMEOUT);
    }

    /**
     * A client connecting through {@code dialer}: a {@link WebSocketDialer} with any
     * {@link ConnectOptions} (explicit fingerprint, plaintext for tests), or a test fake.
     */
    public ChatClient(SchemeRegistry schemes, RelayDialer dialer, Executor executor, Duration loginTimeout) {
        this.schemes = Objects.requireNonNull(schemes, "schemes");
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.background = Objects.requireNonNull(executor, "executor");
        this.events = new SerialExecutor(executor);
        this.loginTimeout = Objects.requireNonNull(loginTimeout, "loginTimeout");
        SchemeStates states = new SchemeStates();
        this.receiver = new Receiver(schemes, states, listeners);
        this.sender = new Sender(schemes, states);
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
            if (session != null) {
                end(session, ConnectionState.DISCONNECTED, "Disconnected.");
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
    public ChatSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public List<SchemeInfo> schemes() {
        return schemes.infos();
    }

    @Override
    public void addListener(ChatListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ChatListener listener) {
        listeners.remove(listener);
    }

    private void begin(URI relay, String user, CompletableFuture<Void> loggedIn) {
        if (!Formats.isUser(user)) {
            loggedIn.completeExceptionally(new ChatException(
                    "A user name is 1-32 characters: letters, digits, '_', '.' or '-'."));
            return;
        }
        if (session != null) {
            loggedIn.completeExceptionally(new ChatException(
                    "Already connected to " + session.relay + " as " + session.user + "; disconnect first."));
            return;
        }
        Session s = new Session(relay, user, "hello-" + UUID.randomUUID(), loggedIn);
        session = s;
        publish(s, ConnectionState.CONNECTING, "Connecting to " + relay + " …");
        List<CryptoScheme> installed = schemes.list();
        List<CryptoScheme> published = installed.subList(0, Math.min(Formats.MAX_KEYS, installed.size()));
        keyRing.ensure(published, background).whenCompleteAsync((keys, e) -> dial(s, keys), events);
    }

    private void dial(Session s, Map<String, SchemeKeyPair> keys) {
        if (session != s) {
            return;
        }
        Map<String, SchemeKeyPair> usable = new TreeMap<>();
        if (keys != null) {
            keys.forEach((id, pair) -> {
                int size = pair.publicKey().length;
                if (size > 0 && size <= Formats.MAX_KEY_BYTES) {
                    usable.put(id, pair);
                }
            });
        }
        if (usable.isEmpty()) {
            end(s, ConnectionState.FAILED, "No encryption scheme is installed that could make a key.");
            return;
        }
        s.keys = usable;
        dialer.dial(s.relay, inbound(s)).whenCompleteAsync((link, e) -> opened(s, link, e), events);
    }

    private void opened(Session s, RelayLink link, Throwable failure) {
        if (session != s) {
            if (link != null) {
                link.close();
            }
            return;
        }
        if (failure != null) {
            end(s, ConnectionState.FAILED, messageOf(failure));
            return;
        }
        s.link = Optional.of(link);
        Map<String, Bytes> publicKeys = new TreeMap<>();
        s.keys.forEach((id, pair) -> publicKeys.put(id, Bytes.of(pair.publicKey())));
        link.send(codec.encode(new Frame.Hello(s.helloId, s.user, publicKeys))).whenCompleteAsync((v, e) -> {
            if (e != null && session == s) {
                end(s, ConnectionState.FAILED, messageOf(e));
            }
        }, events);
        CompletableFuture.delayedExecutor(loginTimeout.toMillis(), TimeUnit.MILLISECONDS, events).execute(() -> {
            if (session == s && !s.welcomed) {
                end(s, ConnectionState.FAILED,
                        "The relay did not answer the login within " + loginTimeout.toSeconds() + " s.");
            }
        });
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
                        end(s, failure ? ConnectionState.FAILED : ConnectionState.DISCONNECTED, reason);
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
        if (frame instanceof Frame.Welcome w) {
            welcome(s, w);
        } else if (frame instanceof Frame.Error err) {
            relayError(s, err);
        } else if (!s.welcomed) {
            return; // nothing else means anything before the login is accepted
        } else if (frame instanceof Frame.Presence p) {
            receiver.presence(s, p);
            publish(s, ConnectionState.CONNECTED, null);
        } else if (frame instanceof Frame.Deliver d) {
            receiver.deliver(s, d);
        } else if (frame instanceof Frame.Sent sent) {
            receiver.sent(s, sent);
        }
        // hello and send are client frames; a relay has no business sending them
    }

    private void welcome(Session s, Frame.Welcome w) {
        if (s.welcomed || !w.ref().equals(s.helloId)) {
            return;
        }
        s.welcomed = true;
        for (UserKeys u : w.users()) {
            if (!u.user().equals(s.user)) {
                s.directory.put(u.user(), u.keys());
            }
        }
        String tls = s.link.flatMap(RelayLink::tlsProtocol).map(p -> " over " + p).orElse(" without TLS");
        publish(s, ConnectionState.CONNECTED, "Connected to " + s.relay + " as " + s.user + tls);
        s.directory.contacts().forEach(c -> listeners.emit(new ChatEvent.PresenceChanged(c, true)));
        s.loggedIn.complete(null);
    }

    private void relayError(Session s, Frame.Error err) {
        String message = err.message().length() > 500 ? err.message().substring(0, 500) + "…" : err.message();
        if (!s.welcomed) {
            end(s, ConnectionState.FAILED, "The relay refused the login: " + message);
        } else if (err.ref().isEmpty() || !receiver.failed(s, err.ref().get(), message)) {
            listeners.notice(Conversation.everyone(), "The relay reported an error: " + message);
        }
    }

    private ChatMessage sendNow(Conversation conversation, String text, String schemeId) throws ChatException {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(text, "text");
        Session s = session;
        if (s == null || !s.welcomed || s.link.isEmpty()) {
            throw new ChatException("Not connected to a relay.");
        }
        Sender.Outgoing out = sender.seal(s, conversation, text, schemeId);
        ChatMessage message = out.message();
        s.pending.put(message.id(), message);
        listeners.emit(new ChatEvent.MessageAdded(message));
        s.link.get().send(codec.encode(out.frame())).whenCompleteAsync((v, e) -> {
            if (e != null) {
                receiver.failed(s, message.id(), "Could not send: " + messageOf(e));
            }
        }, events);
        return message;
    }

    private void end(Session s, ConnectionState state, String detail) {
        session = null;
        s.link.ifPresent(RelayLink::close);
        for (String id : new ArrayList<>(s.pending.keySet())) {
            receiver.failed(s, id, "Not confirmed by the relay before the connection ended.");
        }
        List<Contact> gone = s.directory.contacts();
        s.directory.clear();
        gone.forEach(c -> listeners.emit(new ChatEvent.PresenceChanged(c, false)));
        snapshot = new ChatSnapshot(state, Optional.of(s.relay.toString()), Optional.empty(), Optional.empty(),
                List.of());
        listeners.emit(new ChatEvent.ConnectionChanged(state, detail));
        s.loggedIn.completeExceptionally(new ChatException(detail));
    }

    /** Updates the snapshot, and announces a state change if {@code detail} is given. */
    private void publish(Session s, ConnectionState state, String detail) {
        boolean in = state == ConnectionState.CONNECTED;
        snapshot = new ChatSnapshot(state, Optional.of(s.relay.toString()), in ? Optional.of(s.user) : Optional.empty(),
                s.link.flatMap(RelayLink::certificateFingerprint), s.directory.contacts());
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
