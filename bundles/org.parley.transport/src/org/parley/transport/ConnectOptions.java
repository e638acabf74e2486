package org.parley.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link RelayConnection#connect} connects.
 *
 * @param pinStore where relay certificate pins are kept (trust on first use)
 * @param expectedFingerprint if present, accept only the certificate with this SHA-256 fingerprint
 *     (for scripts that know the relay's fingerprint in advance) and pin it
 * @param allowPlaintext whether {@code ws://} URIs are allowed. Plaintext exposes user names, keys and
 *     metadata to the network (message bodies stay end-to-end encrypted); for local tests only.
 * @param connectTimeout limit for TCP, TLS and the WebSocket upgrade together
 * @param maxMessageBytes the largest text message accepted from the relay, in UTF-8 bytes; a larger
 *     one closes the connection with status 1009
 * @param pingInterval how often a WebSocket ping is sent
 * @param deadAfter how long the relay may stay silent (no message, ping or pong) before the connection
 *     is considered dead and aborted; longer than {@code pingInterval}
 */
public record ConnectOptions(CertificatePinStore pinStore, Optional<String> expectedFingerprint,
        boolean allowPlaintext, Duration connectTimeout, int maxMessageBytes, Duration pingInterval,
        Duration deadAfter) {

    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** Default message cap: 1 MiB, as {@code FrameCodec.DEFAULT_MAX_FRAME_BYTES}. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;
    /** Default ping interval: well inside the relay's 60-second idle timeout and common NAT timeouts. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);
    /** Default silence before a connection counts as dead: two pings unanswered, plus slack. */
    public static final Duration DEFAULT_DEAD_AFTER = Duration.ofSeconds(45);

    public ConnectOptions {
        Objects.requireNonNull(pinStore, "pinStore");
        expectedFingerprint = expectedFingerprint.map(Fingerprints::normalize);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024, is " + maxMessageBytes);
        }
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(deadAfter, "deadAfter");
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive");
        }
        if (deadAfter.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("deadAfter must be longer than pingInterval");
        }
    }

    /** Options with the default heartbeat. */
    public ConnectOptions(CertificatePinStore pinStore, Optional<String> expectedFingerprint, boolean allowPlaintext,
            Duration connectTimeout, int maxMessageBytes) {
        this(pinStore, expectedFingerprint, allowPlaintext, connectTimeout, maxMessageBytes, DEFAULT_PING_INTERVAL,
                DEFAULT_DEAD_AFTER);
    }

    /** TLS only, trust on first use with {@code pinStore}, default timeout and cap. */
    public static ConnectOptions trustOnFirstUse(CertificatePinStore pinStore) {
        return new ConnectOptions(pinStore, Optional.empty(), false, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** A copy that accepts only the certificate with {@code fingerprint} (hex, colons allowed). */
    public ConnectOptions withExpectedFingerprint(String fingerprint) {
        return new ConnectOptions(pinStore, Optional.of(fingerprint), allowPlaintext, connectTimeout, maxMessageBytes,
                pingInterval, deadAfter);
    }

    /** A copy that allows (or forbids) unencrypted {@code ws://}. */
    public ConnectOptions withAllowPlaintext(boolean allow) {
        return new ConnectOptions(pinStore, expectedFingerprint, allow, connectTimeout, maxMessageBytes, pingInterval,
                deadAfter);
    }

    public ConnectOptions withConnectTimeout(Duration timeout) {
        return new ConnectOptions(pinStore, expectedFingerprint, allowPlaintext, timeout, maxMessageBytes, pingInterval,
                deadAfter);
    }

    public ConnectOptions withMaxMessageBytes(int max) {
        return new ConnectOptions(pinStore, expectedFingerprint, allowPlaintext, connectTimeout, max, pingInterval,
                deadAfter);
    }

    /** A copy with another heartbeat (short intervals are for tests). */
    public ConnectOptions withHeartbeat(Duration interval, Duration silenceLimit) {
        return new ConnectOptions(pinStore, expectedFingerprint, allowPlaintext, connectTimeout, maxMessageBytes,
                interval, silenceLimit);
    }
}
