package org.parley.chat.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.parley.protocol.Bytes;
import org.parley.protocol.Frame;
import org.parley.protocol.FrameCodec;
import org.parley.protocol.ProtocolException;

/** An in-memory {@link RelayDialer} whose single link records what the client sends. */
final class FakeRelay implements RelayDialer {

    final FrameCodec codec = new FrameCodec();
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<URI> dialed = new CopyOnWriteArrayList<>();
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
                return Optional.of("ab".repeat(32));
            }

            @Override
            public Optional<String> tlsProtocol() {
                return Optional.of("TLSv1.3");
            }
        });
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

    Frame.Hello hello() throws ProtocolException {
        return (Frame.Hello) frame(0);
    }

    /** Answers the client's hello with a welcome listing {@code others}. */
    void welcome(Map<String, Map<String, Bytes>> others) throws ProtocolException {
        Frame.Hello hello = hello();
        push(new Frame.Welcome(hello.id(), hello.user(), others.entrySet().stream()
                .map(e -> new org.parley.protocol.UserKeys(e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.toList())));
    }
}
