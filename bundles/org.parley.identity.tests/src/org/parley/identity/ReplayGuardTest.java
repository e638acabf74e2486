package org.parley.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayGuardTest {

    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;

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

    @TempDir
    Path dir;

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
    void acceptsFiveMinutesAheadAndSevenDaysBehind() {
        long now = clock.millis;
        assertEquals(ReplayGuard.Verdict.ACCEPTED, guard.check("bob", "a", now - 7 * DAY));
        assertEquals(ReplayGuard.Verdict.ACCEPTED, guard.check("bob", "b", now + 5 * MINUTE));
        assertEquals(ReplayGuard.Verdict.ACCEPTED, guard.check("bob", "hour", now - 60 * MINUTE));
        assertEquals(ReplayGuard.Verdict.OUTSIDE_WINDOW, guard.check("bob", "c", now - 7 * DAY - 1));
        assertEquals(ReplayGuard.Verdict.OUTSIDE_WINDOW, guard.check("bob", "d", now + 5 * MINUTE + 1));
        assertTrue(guard.inWindow(now - 7 * DAY) && !guard.inWindow(now + 5 * MINUTE + 1));
    }

    @Test
    void entriesExpireOnlyWhenTheAgeLimitWouldRefuseTheReplayAnyway() {
        long sent = clock.millis;
        guard.check("bob", "m1", sent);
        clock.millis = sent + 7 * DAY;
        assertEquals(ReplayGuard.Verdict.REPLAYED, guard.check("bob", "m1", sent), "still young enough");
        clock.millis = sent + 7 * DAY + 1;
        assertEquals(ReplayGuard.Verdict.OUTSIDE_WINDOW, guard.check("bob", "m1", sent));
        assertEquals(ReplayGuard.Verdict.ACCEPTED, guard.check("bob", "m2", clock.millis));
        assertEquals(1, guard.size(), "m1 was forgotten once it could no longer be replayed");
    }

    @Test
    void memoryIsBoundedPerSenderAndInAll() {
        ReplayGuard small = new ReplayGuard(clock, Duration.ofMinutes(5), Duration.ofDays(7), 3, 5, null);
        for (int i = 0; i < 3; i++) {
            assertEquals(ReplayGuard.Verdict.ACCEPTED, small.check("bob", "m" + i, clock.millis));
        }
        assertEquals(ReplayGuard.Verdict.TOO_MANY, small.check("bob", "m3", clock.millis));
        assertEquals(ReplayGuard.Verdict.ACCEPTED, small.check("carol", "m0", clock.millis));
        assertEquals(ReplayGuard.Verdict.ACCEPTED, small.check("carol", "m1", clock.millis));
        assertEquals(ReplayGuard.Verdict.TOO_MANY, small.check("dave", "m0", clock.millis), "5 in all");
        clock.millis += 7 * DAY + 1;
        assertEquals(ReplayGuard.Verdict.ACCEPTED, small.check("bob", "m4", clock.millis));
        assertEquals(1, small.size());
    }

    @Test
    void theSeenSetSurvivesANewInstanceOwnerOnlyAndSkipsExpiredEntries() throws Exception {
        Path file = dir.resolve(ReplayGuard.FILE_NAME);
        ReplayGuard first = ReplayGuard.persistent(clock, file);
        assertEquals(ReplayGuard.Verdict.ACCEPTED, first.check("bob", "old", clock.millis - 6 * DAY));
        assertEquals(ReplayGuard.Verdict.ACCEPTED, first.check("bob", "new", clock.millis - 60 * MINUTE));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        ReplayGuard restarted = ReplayGuard.persistent(clock, file);
        assertEquals(ReplayGuard.Verdict.REPLAYED, restarted.check("bob", "new", clock.millis - 60 * MINUTE));
        assertEquals(2, restarted.size());

        clock.millis += 2 * DAY; // "old" is past its age now
        ReplayGuard later = ReplayGuard.persistent(clock, file);
        assertEquals(ReplayGuard.Verdict.REPLAYED, later.check("bob", "new", clock.millis - 2 * DAY - 60 * MINUTE));
        assertEquals(1, later.size(), "the expired entry was skipped when loading");
    }

    @Test
    void aMostlyExpiredJournalIsCompacted() throws Exception {
        Path file = dir.resolve(ReplayGuard.FILE_NAME);
        ReplayGuard guard = ReplayGuard.persistent(clock, file);
        for (int i = 0; i < 1100; i++) {
            guard.check("bob", "m" + i, clock.millis);
        }
        assertEquals(1101, Files.readAllLines(file).size(), "header and one line per message");
        clock.millis += 7 * DAY + 1;
        guard.check("bob", "fresh", clock.millis);
        assertEquals(List.of("fresh"), Files.readAllLines(file).stream().skip(1).map(l -> l.split(" ")[2]).toList());
        assertEquals(ReplayGuard.Verdict.REPLAYED, ReplayGuard.persistent(clock, file).check("bob", "fresh", clock.millis));
    }

    @Test
    void aTornLastLineIsRepairedAndADamagedJournalFailsClosed() throws Exception {
        Path file = dir.resolve(ReplayGuard.FILE_NAME);
        ReplayGuard.persistent(clock, file).check("bob", "m1", clock.millis);
        Files.writeString(file, "17950", java.nio.file.StandardOpenOption.APPEND); // a crash mid-append
        ReplayGuard restarted = ReplayGuard.persistent(clock, file);
        assertEquals(ReplayGuard.Verdict.REPLAYED, restarted.check("bob", "m1", clock.millis));
        assertEquals(ReplayGuard.Verdict.ACCEPTED, restarted.check("bob", "m2", clock.millis));
        assertEquals(ReplayGuard.Verdict.REPLAYED, ReplayGuard.persistent(clock, file).check("bob", "m2", clock.millis));

        Files.writeString(file, "not a journal line\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(ReplayGuard.Verdict.UNAVAILABLE, ReplayGuard.persistent(clock, file).check("bob", "m3",
                clock.millis), "refused rather than forgetting what the damaged journal held");
    }

    @Test
    void aJournalThatCannotBeWrittenRefusesAndRemembersNothing() throws Exception {
        Path blocker = dir.resolve("not-a-directory");
        Files.writeString(blocker, "x");
        ReplayGuard guard = ReplayGuard.persistent(clock, blocker.resolve(ReplayGuard.FILE_NAME));
        assertEquals(ReplayGuard.Verdict.UNAVAILABLE, guard.check("bob", "m1", clock.millis));
        assertEquals(0, guard.size());
        assertThrows(IllegalArgumentException.class, () -> guard.check("bob", "bad id\n", clock.millis));
    }
}
