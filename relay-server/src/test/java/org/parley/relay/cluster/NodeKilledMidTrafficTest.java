package org.parley.relay.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.relay.cluster.ClusterTestSupport.connect;
import static org.parley.relay.cluster.ClusterTestSupport.login;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.relay.RelayProcess;
import org.parley.relay.RelayServer;
import org.parley.relay.TestClient;
import org.parley.relay.TestIdentity;

/**
 * A node killed with {@code kill -9} in the middle of traffic in both directions loses no accepted
 * message: every message answered with {@code sent} reaches its recipient (who acks everything and
 * reconnects to a surviving node), and duplicates are bounded by what the dead node's user had received
 * but whose ack had not yet reached Redis.
 */
class NodeKilledMidTrafficTest {
    private static final int PER_SENDER = 2000;
    private static final int WINDOW = 32;

    @TempDir
    Path dir;

    /** What a receiver saw: every deliver id in arrival order, and how many arrived before the kill. */
    private static final class Receiver implements Runnable {
        final String name;
        final TestIdentity id = TestIdentity.generate();
        final List<String> received = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger beforeKill = new AtomicInteger(-1);
        final AtomicBoolean stop = new AtomicBoolean();
        volatile int reconnectPort;
        /** Set to log in once more (on reconnectPort), as a client does after a restart. */
        volatile boolean rejoin;
        volatile TestClient client;
        volatile Throwable failure;
        final CountDownLatch done = new CountDownLatch(1);

        Receiver(String name) {
            this.name = name;
        }

        @Override
        public void run() {
            try {
                while (!stop.get()) {
                    if (rejoin) {
                        client.close();
                        client = connect(reconnectPort);
                        login(client, name, id);
                        rejoin = false;
                    }
                    Map<String, Object> m = client.poll(100);
                    if (m == null) {
                        if (client.isClosed()) {
                            beforeKill.compareAndSet(-1, received.size());
                            client.close();
                            client = connect(reconnectPort); // the client reconnects to a surviving node
                            login(client, name, id);
                        }
                        continue;
                    }
                    if ("deliver".equals(m.get("type"))) {
                        received.add((String) m.get("id"));
                        client.ack((String) m.get("id"), (String) m.get("from"));
                    }
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                done.countDown();
            }
        }
    }

    /** Sends PER_SENDER messages with up to WINDOW unanswered; records which were answered with sent. */
    private static final class Sender implements Runnable {
        final TestClient client;
        final String prefix;
        final String to;
        final Set<String> confirmed = ConcurrentHashMap.newKeySet();
        final AtomicInteger attempted = new AtomicInteger();
        final CountDownLatch done = new CountDownLatch(1);
        volatile Throwable failure;

        Sender(TestClient client, String prefix, String to) {
            this.client = client;
            this.prefix = prefix;
            this.to = to;
        }

        @Override
        public void run() {
            try {
                for (int i = 0; i < PER_SENDER && !client.isClosed(); i++) {
                    while (attempted.get() - confirmed.size() >= WINDOW && !client.isClosed()) {
                        read(50);
                    }
                    try {
                        client.send(TestClient.direct(prefix + i, "eA==", to));
                    } catch (Exception e) {
                        break; // its node died
                    }
                    attempted.incrementAndGet();
                    read(0);
                    Thread.sleep(1); // at most ~1,000 messages/s, so that the kill falls mid-traffic on any machine
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (confirmed.size() < attempted.get() && !client.isClosed() && System.nanoTime() < deadline) {
                    read(100);
                }
                while (read(0)) {
                    // answers that arrived before the close still count
                }
            } catch (Throwable t) {
                failure = t;
            } finally {
                done.countDown();
            }
        }

        private boolean read(long millis) throws InterruptedException {
            Map<String, Object> m = client.poll(millis);
            if (m != null && "sent".equals(m.get("type"))) {
                @SuppressWarnings("unchecked")
                List<String> reached = new ArrayList<>((List<String>) m.get("recipients"));
                @SuppressWarnings("unchecked")
                List<String> queued = (List<String>) m.get("queued");
                reached.addAll(queued);
                if (!reached.equals(List.of(to))) {
                    throw new AssertionError("unexpected sent: " + m);
                }
                confirmed.add((String) m.get("ref"));
            } else if (m != null && "error".equals(m.get("type"))) {
                throw new AssertionError("unexpected error: " + m);
            }
            return m != null;
        }
    }

    @Test
    void everyMessageAnsweredWithSentIsDeliveredWhenANodeIsKilledMidTraffic() throws Exception {
        String redis = ClusterTestSupport.redis();
        ClusterTestSupport.flush(redis);
        // Queues large enough for everything sent while rk's node is dead and not yet declared so.
        try (RelayProcess k = RelayProcess.start(Files.createDirectories(dir.resolve("k")), "--cluster=" + redis,
                    "--node-id=k", "--cluster-node-timeout=" + ClusterTestSupport.NODE_TIMEOUT.toMillis() + "ms",
                    "--rate-limit=1000000", "--rate-burst=1000000", "--max-queued-per-user=100000");
                RelayServer b = RelayServer.start(ClusterTestSupport.config(dir, redis, "b").maxQueuedPerUser(100_000).build());
                RelayServer c = RelayServer.start(ClusterTestSupport.config(dir, redis, "c").maxQueuedPerUser(100_000).build())) {
            Receiver onK = new Receiver("rk");
            Receiver onB = new Receiver("rb");
            onK.client = connect(k.port());
            login(onK.client, "rk", onK.id);
            onK.reconnectPort = c.port();
            onB.client = connect(b);
            login(onB.client, "rb", onB.id);
            onB.reconnectPort = c.port();
            TestClient senderOnK = connect(k.port());
            login(senderOnK, "sk", TestIdentity.generate());
            TestClient senderOnB = connect(b);
            login(senderOnB, "sb", TestIdentity.generate());

            Sender fromK = new Sender(senderOnK, "k-", "rb"); // node k → node b
            Sender fromB = new Sender(senderOnB, "b-", "rk"); // node b → a user of node k, later of node c
            List<Thread> threads = new ArrayList<>();
            for (Runnable r : List.of(onK, onB, fromK, fromB)) {
                Thread t = new Thread(r, "traffic");
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            // Kill node k once a third of each sender's messages went through.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((fromK.confirmed.size() < PER_SENDER / 3 || fromB.confirmed.size() < PER_SENDER / 3)
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            int confirmedAtKill = fromB.confirmed.size();
            int attemptedAtKill = Math.min(fromK.attempted.get(), fromB.attempted.get());
            k.kill9();

            assertTrue(fromK.done.await(30, TimeUnit.SECONDS), "the sender on the dead node stops");
            assertTrue(fromB.done.await(60, TimeUnit.SECONDS), "the sender on b finishes");
            assertEquals(null, fromK.failure);
            assertEquals(null, fromB.failure);
            assertEquals(PER_SENDER, fromB.confirmed.size(), "every message of the surviving sender was accepted");
            assertTrue(attemptedAtKill < PER_SENDER, "the kill happened mid-traffic");

            // Every accepted message reaches its recipient; wait (≤ 30 s) for the reconnected receiver to catch up.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((!new HashSet<>(snapshot(onK)).containsAll(fromB.confirmed)
                    || !new HashSet<>(snapshot(onB)).containsAll(fromK.confirmed)) && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            // Messages of the killed sender that were stored but never answered (the node died between the
            // store and the publication or the sent) wait in the recipient's inbox: a new login gets them.
            Thread.sleep(500);
            onB.rejoin = true;
            onK.rejoin = true;
            // Acks delete: both inboxes drain to empty in Redis.
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < until && inboxLength(redis, "rk") + inboxLength(redis, "rb") > 0) {
                Thread.sleep(50);
            }
            onK.stop.set(true);
            onB.stop.set(true);
            onK.done.await(5, TimeUnit.SECONDS);
            onB.done.await(5, TimeUnit.SECONDS);
            assertEquals(null, onK.failure);
            assertEquals(null, onB.failure);

            List<String> atK = snapshot(onK);
            List<String> atB = snapshot(onB);
            Set<String> missingAtK = new HashSet<>(fromB.confirmed);
            missingAtK.removeAll(atK);
            Set<String> missingAtB = new HashSet<>(fromK.confirmed);
            missingAtB.removeAll(atB);
            assertEquals(Set.of(), missingAtK, "accepted messages lost for the user of the killed node");
            assertEquals(Set.of(), missingAtB, "accepted messages of the killed node's sender lost");

            // Duplicates: only copies the dead node's user had received before the kill and whose ack had not
            // reached Redis; each at most twice. The user of the surviving node gets none.
            Map<String, Integer> countsAtK = counts(atK);
            int duplicatesAtK = atK.size() - countsAtK.size();
            assertTrue(countsAtK.values().stream().allMatch(n -> n <= 2), "a copy delivered more than twice: " + countsAtK);
            Set<String> beforeKill = new HashSet<>(atK.subList(0, Math.max(0, onK.beforeKill.get())));
            for (Map.Entry<String, Integer> e : countsAtK.entrySet()) {
                if (e.getValue() > 1) {
                    assertTrue(beforeKill.contains(e.getKey()), "duplicate of a copy not received before the kill: " + e.getKey());
                }
            }
            assertTrue(duplicatesAtK <= WINDOW * 4, "duplicates bounded by the acks in flight: " + duplicatesAtK);
            assertEquals(atB.size(), counts(atB).size(), "no duplicates for the user of a surviving node");
            assertEquals(0, inboxLength(redis, "rk") + inboxLength(redis, "rb"), "every copy acked and deleted");
            System.out.printf("kill -9 mid-traffic: k→b accepted %d of %d attempted (unanswered at kill: %d, delivered "
                    + "anyway: %d); b→k accepted %d, %d before the kill; duplicates at the dead node's user: %d%n",
                    fromK.confirmed.size(), fromK.attempted.get(), fromK.attempted.get() - fromK.confirmed.size(),
                    atB.size() - fromK.confirmed.size(), fromB.confirmed.size(), confirmedAtKill, duplicatesAtK);
            onK.client.close();
            onB.client.close();
            senderOnK.close();
            senderOnB.close();
        }
    }

    private static List<String> snapshot(Receiver r) {
        synchronized (r.received) {
            return new ArrayList<>(r.received);
        }
    }

    private static Map<String, Integer> counts(List<String> ids) {
        Map<String, Integer> counts = new HashMap<>();
        ids.forEach(id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }

    private static long inboxLength(String redis, String user) {
        return ClusterTestSupport.withRedis(redis, r -> r.xlen(RedisMessageStore.inbox(user)));
    }
}
