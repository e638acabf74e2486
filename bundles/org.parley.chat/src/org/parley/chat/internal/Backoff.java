package org.parley.chat.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter (the AWS Architecture Blog's "Exponential Backoff And Jitter"):
 * attempt {@code n} waits a uniformly random time between 0 and {@code min(cap, base · 2^(n-1))}. The
 * jitter spreads the clients of a relay that restarts, so they do not all knock at the same moment.
 *
 * @param base the ceiling of the first attempt
 * @param cap the largest ceiling
 * @param jitter uniform random numbers in [0, 1]; tests pass a constant
 */
public record Backoff(Duration base, Duration cap, DoubleSupplier jitter) {

    /** Base 0.5 s, cap 30 s. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), () -> ThreadLocalRandom.current().nextDouble());
    }

    public Backoff {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(cap, "cap");
        Objects.requireNonNull(jitter, "jitter");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap");
        }
    }

    /** The wait before attempt {@code attempt} (1 for the first retry). */
    public Duration delay(int attempt) {
        double fraction = Math.min(1.0, Math.max(0.0, jitter.getAsDouble()));
        return Duration.ofMillis(Math.round(fraction * ceiling(attempt).toMillis()));
    }

    /** The longest wait before attempt {@code attempt}. */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
        // past 2^30 the cap has long been reached; stopping there keeps the arithmetic from overflowing
        long doubled = base.toMillis() << Math.min(attempt - 1, 30);
        return doubled >= cap.toMillis() || doubled < 0 ? cap : Duration.ofMillis(doubled);
    }

    /** "4 s", "0.4 s", "12 s": short, for a status line. */
    static String describe(Duration delay) {
        long ms = delay.toMillis();
        if (ms % 1000 == 0 || ms >= 10_000) {
            return Math.round(ms / 1000.0) + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
