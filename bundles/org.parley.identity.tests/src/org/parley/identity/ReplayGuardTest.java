package org.parley.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class ReplayGuardTest {

    private static final long MINUTE = 60_000;

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        long millis = 1_795_000_000_000L;

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final MutableClock clock = new MutableClock();
    private final ReplayGuard guard = ReplayGuard.standard(clock);

    @Test
    void acceptsOnceAndDropsRepeatsPerSender() {
        long now = clock.millis;
        assertEquals(ReplayGuard.Verdict.ACCEPTED, guard.check("bob", "m1", now));
        assertEquals(ReplayGuard.Verdict.REPLAYED, guard.check("bob", "m1", now));
        assertEquals(ReplayGuard.Verdict.ACCEPTED, guard.check("carol", "m1", now), "ids are per sender");
    }

    @Test
    void refusesMessagesOutsideTheSkewWindow() {
        long now = clock.millis;
        assertEquals(ReplayGuard.Verdict.ACCEPTED, guard.check("bob", "a", now - 5 * MINUTE));
        assertEquals(ReplayGuard.Verdict.ACCEPTED, guard.check("bob", "b", now + 5 * MINUTE));
        assertEquals(ReplayGuard.Verdict.OUTSIDE_WINDOW, guard.check("bob", "c", now - 5 * MINUTE - 1));
        assertEquals(ReplayGuard.Verdict.OUTSIDE_WINDOW, guard.check("bob", "d", now + 5 * MINUTE + 1));
    }

    @Test
    void entriesExpireOnlyWhenTheWindowWouldRefuseTheReplayAnyway() {
        long sent = clock.millis;
        guard.check("bob", "m1", sent);
        clock.millis = sent + 5 * MINUTE;
        assertEquals(ReplayGuard.Verdict.REPLAYED, guard.check("bob", "m1", sent), "still in the window");
        clock.millis = sent + 5 * MINUTE + 1;
        assertEquals(ReplayGuard.Verdict.OUTSIDE_WINDOW, guard.check("bob", "m1", sent));
        assertEquals(ReplayGuard.Verdict.ACCEPTED, guard.check("bob", "m2", clock.millis));
        assertEquals(1, guard.size(), "m1 was forgotten once it could no longer be replayed");
    }

    @Test
    void memoryIsBoundedPerSender() {
        ReplayGuard small = new ReplayGuard(clock, Duration.ofMinutes(5), 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(ReplayGuard.Verdict.ACCEPTED, small.check("bob", "m" + i, clock.millis));
        }
        assertEquals(ReplayGuard.Verdict.TOO_MANY, small.check("bob", "m3", clock.millis));
        clock.millis += 11 * MINUTE;
        assertEquals(ReplayGuard.Verdict.ACCEPTED, small.check("bob", "m4", clock.millis));
        assertEquals(1, small.size());
    }
}
