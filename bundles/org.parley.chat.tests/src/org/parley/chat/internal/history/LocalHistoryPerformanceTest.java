package org.parley.chat.internal.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.chat.internal.history.HistoryFixtures.added;
import static org.parley.chat.internal.history.HistoryFixtures.await;
import static org.parley.chat.internal.history.HistoryFixtures.identity;
import static org.parley.chat.internal.history.HistoryFixtures.incoming;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryEntry;
import org.parley.identity.Identity;

/**
 * Loads 10,000 messages (or {@code PARLEY_HISTORY_PERF_ENTRIES} from the environment) into a history
 * and times recording, reopening, paging and searching. Prints the figures; asserts results, not times
 * (the build machine is shared).
 */
class LocalHistoryPerformanceTest {

    private static final String[] WORDS = { "lunch", "meeting", "tomorrow", "deploy", "relay", "coffee", "review",
        "release", "keys", "plugin", "window", "server", "night", "build", "chat", "green", "paper", "river" };

    @TempDir
    Path home;

    private static long min(long[] values) {
        return java.util.Arrays.stream(values, 1, values.length).min().orElseThrow();
    }

    /** CPU time of the live history thread (wall times on a shared build machine mostly measure the others). */
    private static long historyThreadCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("parley-history"))
                .mapToLong(t -> Math.max(0, mx.getThreadCpuTime(t.getId()))).sum();
    }

    @Test
    void recordAndSearchTenThousandMessages() throws Exception {
        int n = Integer.parseInt(System.getenv().getOrDefault("PARLEY_HISTORY_PERF_ENTRIES", "10000"));
        List<Conversation> peers = List.of(Conversation.everyone(), Conversation.with("bob"), Conversation.with("carol"),
                Conversation.with("dave"), Conversation.with("erin"));
        Random random = new Random(42);
        Identity alice = identity("alice");
        LocalHistory history = new LocalHistory(home);
        try {
            await(history.open(alice));
            long c0 = historyThreadCpuNanos();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                StringBuilder text = new StringBuilder();
                int words = 5 + random.nextInt(15);
                for (int w = 0; w < words; w++) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                }
                if (i == n / 2) {
                    text.append("Needle Haystack");
                }
                Conversation c = peers.get(i % peers.size());
                history.onEvent(added(incoming(c, c.isEveryone() ? "bob" : c.peer(), "m" + i, text.toString(), i)));
            }
            assertEquals(n, peers.stream().mapToInt(c -> await(history.count(c))).sum());
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            long loadCpuMs = (historyThreadCpuNanos() - c0) / 1_000_000;
            history.shutdown();

            LocalHistory reopened = new LocalHistory(home);
            try {
                long t1 = System.nanoTime();
                await(reopened.open(alice));
                List<HistoryEntry> page = await(reopened.page(peers.get(1), Long.MAX_VALUE, 50));
                long openMs = (System.nanoTime() - t1) / 1_000_000;
                assertEquals(50, page.size());

                // the first scan after opening reads the file and runs cold code; later ones are warm
                long[] wall = new long[5];
                long[] cpu = new long[5];
                for (int i = 0; i < wall.length; i++) {
                    long c = historyThreadCpuNanos();
                    long t = System.nanoTime();
                    assertEquals(List.of(), await(reopened.search("absent words", 100)));
                    wall[i] = (System.nanoTime() - t) / 1_000_000;
                    cpu[i] = (historyThreadCpuNanos() - c) / 1_000_000;
                }
                long t3 = System.nanoTime();
                List<HistoryEntry> needle = await(reopened.search("haystack NEEDLE", 100));
                long needleMs = (System.nanoTime() - t3) / 1_000_000;
                assertEquals(1, needle.size());

                long t4 = System.nanoTime();
                List<HistoryEntry> common = await(reopened.search("lunch coffee", 100));
                long commonMs = (System.nanoTime() - t4) / 1_000_000;
                assertEquals(100, common.size());

                long bytes = Files.size(home.resolve(LocalHistory.FILE_NAME));
                System.out.printf("History performance, %,d entries: recorded in %d ms (%d ms CPU of the history thread); file %,d bytes; "
                        + "reopen + first page of 50 in %d ms; search without match (decrypts all): first %d ms "
                        + "(%d ms CPU), then best of 4 %d ms (%d ms CPU); two-word search with one match %d ms; "
                        + "two common words, first 100 matches %d ms%n", n, loadMs, loadCpuMs, bytes, openMs,
                        wall[0], cpu[0], min(wall), min(cpu), needleMs, commonMs);
            } finally {
                reopened.shutdown();
            }
        } finally {
            history.shutdown();
        }
    }
}
