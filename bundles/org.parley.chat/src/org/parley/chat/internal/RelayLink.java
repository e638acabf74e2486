package org.parley.chat.internal;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An open connection to a relay as {@link ChatClient} needs it: whole JSON text messages out and in.
 * The seam between chat logic and the network; {@link WebSocketDialer} backs it with a
 * {@code RelayConnection}, tests with an in-memory fake.
 */
public interface RelayLink {

    /** Queues one text message; completes exceptionally if it cannot be written. */
    CompletableFuture<Void> send(String text);

    /** Closes the connection; {@link Inbound#onClosed} follows. */
    void close();

    /** SHA-256 fingerprint of the relay's TLS certificate; empty without TLS. */
    Optional<String> certificateFingerprint();

    /** The negotiated TLS protocol; empty without TLS. */
    Optional<String> tlsProtocol();

    /**
     * What a link reports to its owner.
     *
     * <h3>Threading</h3>
     * Called on a transport thread, one call at a time; must not block.
     */
    interface Inbound {

        /** One text message from the relay. */
        void onText(String text);

        /** The link ended; {@code reason} is written for a user. Called at most once. */
        void onClosed(String reason, boolean failure);
    }
}
