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
 */
public record ConnectOptions(CertificatePinStore pinStore, Optional<String> expectedFingerprint,
        boolean allowPlaintext, Duration connectTimeout, int maxMessageBytes) {

    /** Default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** Default message cap: 1 MiB, as {@code FrameCodec.DEFAULT_MAX_FRAME_BYTES}. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1 << 20;

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
    }

    /** TLS only, trust on first use with {@code pinStore}, default timeout and cap. */
    public static ConnectOptions trustOnFirstUse(CertificatePinStore pinStore) {
        return new ConnectOptions(pinStore, Optional.empty(), false, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** A copy that accepts only the certificate with {@code fingerprint} (hex, colons allowed). */
    public ConnectOptions withExpectedFingerprint(String fingerprint) {
        return new ConnectOptions(pinStore, Optional.of(fingerprint), allowPlaintext, connectTimeout, maxMessageBytes);
    }

    /** A copy that allows (or forbids) unencrypted {@code ws://}. */
    public ConnectOptions withAllowPlaintext(boolean allow) {
        return new ConnectOptions(pinStore, expectedFingerprint, allow, connectTimeout, maxMessageBytes);
    }

    public ConnectOptions withConnectTimeout(Duration timeout) {
        return new ConnectOptions(pinStore, expectedFingerprint, allowPlaintext, timeout, maxMessageBytes);
    }

    public ConnectOptions withMaxMessageBytes(int max) {
        return new ConnectOptions(pinStore, expectedFingerprint, allowPlaintext, connectTimeout, max);
    }
}
