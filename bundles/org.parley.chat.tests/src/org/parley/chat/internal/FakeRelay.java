package org.parley.chat.internal;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.parley.protocol.Bytes;
import org.parley.protocol.Frame;
import org.parley.protocol.FrameCodec;
import org.parley.protocol.KeyBundle;
import org.parley.protocol.ProtocolException;

/**
 * An in-memory {@link RelayDialer} whose single link records what the client sends, and through which a
 * test plays the relay: an honest one, or a malicious one that forges, replays and substitutes.
 */
final class FakeRelay implements RelayDialer {

    static final String FINGERPRINT = "ab".repeat(32);

    final FrameCodec codec = new FrameCodec();
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<URI> dialed = new CopyOnWriteArrayList<>();
    final Bytes nonce = Bytes.of(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
        21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 });
    volatile RelayLink.Inbound inbound;
    volatile boolean closedByClient;
    volatile Throwable dialFailure;

    @Override
    public CompletableFuture<RelayLink> dial(URI relay, RelayLink.Inbound in) {
        dialed.add(relay);
        if (dialFailure != null) {
            return CompletableFuture.failedFuture(dialFailure);
        }
        inbound = in;
        closedByClient = false;
        return CompletableFuture.completedFuture(new RelayLink() {
            @Override
            public CompletableFuture<Void> send(String text) {
                sent.add(text);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
                closedByClient = true;
            }

            @Override
            public Optional<String> certificateFingerprint() {
                return Optional.of(FINGERPRINT);
            }

            @Override
            public Optional<String> tlsProtocol() {
                return Optional.of("TLSv1.3");
            }
        });
    }

    /** The link breaks (network failure, heartbeat timeout): the client hears it as a failure. */
    void drop(String reason) {
        inbound.onClosed(reason, true);
    }

    /** The frames the client sent from index {@code from} on, decoded. */
    List<Frame> framesFrom(int from) throws ProtocolException {
        List<Frame> frames = new java.util.ArrayList<>();
        for (int i = from; i < sent.size(); i++) {
            frames.add(frame(i));
        }
        return frames;
    }

    /** The relay sends {@code frame} to the client. */
    void push(Frame frame) {
        inbound.onText(codec.encode(frame));
    }

    /** The {@code index}th frame the client sent, decoded. */
    Frame frame(int index) throws ProtocolException {
        return codec.decode(sent.get(index), FrameCodec.DEFAULT_MAX_FRAME_BYTES);
    }

    Frame lastFrame() throws ProtocolException {
        return frame(sent.size() - 1);
    }

    /** The latest hello. */
    Frame.Hello hello() throws ProtocolException {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (frame(i) instanceof Frame.Hello h) {
                return h;
            }
        }
        throw new AssertionError("no hello sent");
    }

    /** Challenges the latest hello and returns the client's auth. */
    Frame.Auth challenge() throws ProtocolException {
        push(new Frame.Challenge(hello().id(), nonce));
        return (Frame.Auth) lastFrame();
    }

    /** Runs the whole login: challenge, then a welcome listing {@code others}. */
    void login(List<KeyBundle.Entry> others) throws ProtocolException {
        Frame.Auth auth = challenge();
        push(new Frame.Welcome(auth.id(), hello().user(), others));
    }
}
