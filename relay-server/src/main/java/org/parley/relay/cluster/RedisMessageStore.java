package org.parley.relay.cluster;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.ValueScanCursor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parley.relay.session.ClusterUnavailableException;
import org.parley.relay.store.AsyncMessageStore;
import org.parley.relay.store.DurabilityCallback;
import org.parley.relay.store.StoredDelivery;

/**
 * The offline queue of a relay cluster, in Redis, with the embedded store's contract
 * ({@link org.parley.relay.store.MessageStore}): per recipient a stream {@code parley:{user}:inbox}
 * (entries {@code k} = "from id", {@code d} = the deliver frame as first written, never parsed) and a
 * hash {@code parley:{user}:idx} ("from id" → entry id) for acks and resend de-duplication. One script
 * per message checks every recipient's bound ({@code --max-queued-per-user}, refused as
 * {@code queue-full}, never evicted), appends and indexes, atomically; one script per ack deletes.
 * Stream ids carry the store time, so expiry ({@code --queue-ttl}) needs no extra data: expired copies
 * are never read, are dropped whenever a new copy is stored for that recipient, and by a purge every
 * TTL/10 over the set {@code parley:inboxes}. The per-recipient keys share a hash tag ({user}) for a
 * future Redis Cluster.
 *
 * <p>Durability: {@link #storeAsync} completes when Redis has executed the script, so {@code sent}
 * follows Redis's own durability: with {@code appendonly yes} and {@code appendfsync always}, Redis
 * writes and fsyncs its AOF before it answers.
 *
 * <p>Threading: thread-safe; {@link #storeAsync} and {@link #ackAsync} never block;
 * {@link #queued} (login replay) blocks for one round trip.
 */
public final class RedisMessageStore implements AsyncMessageStore {
    static final String DEPTH = "parley:depth";
    static final String INBOXES = "parley:inboxes";

    private final RedisCluster cluster;
    private final int maxPerUser;
    private final long ttlMillis;
    private final Clock clock;

    public RedisMessageStore(RedisCluster cluster, int maxPerUser, Duration ttl, Clock clock) {
        this.cluster = cluster;
        this.maxPerUser = maxPerUser;
        this.ttlMillis = ttl.toMillis();
        this.clock = clock;
    }

    static String inbox(String user) {
        return "parley:{" + user + "}:inbox";
    }

    static String index(String user) {
        return "parley:{" + user + "}:idx";
    }

    @Override
    public CompletableFuture<List<String>> storeAsync(String from, String id, byte[] deliver, List<String> recipients) {
        String[] keys = new String[2 + 2 * recipients.size()];
        Object[] args = new Object[4 + recipients.size()];
        keys[0] = DEPTH;
        keys[1] = INBOXES;
        args[0] = from + " " + id;
        args[1] = deliver;
        args[2] = maxPerUser;
        args[3] = cutoffId();
        for (int i = 0; i < recipients.size(); i++) {
            keys[2 + 2 * i] = inbox(recipients.get(i));
            keys[3 + 2 * i] = index(recipients.get(i));
            args[4 + i] = recipients.get(i);
        }
        return cluster.<List<Object>>script(Scripts.STORE, ScriptOutputType.MULTI, keys, args).thenApply(full -> {
            if (full == null || full.isEmpty()) {
                return List.of();
            }
            List<String> refused = new ArrayList<>(full.size());
            for (Object position : full) {
                refused.add(recipients.get(((Number) position).intValue() - 1));
            }
            return refused;
        });
    }

    /**
     * As {@link #storeAsync}, waiting for Redis (up to the command timeout) for the refused recipients;
     * the relay's cluster handler uses {@link #storeAsync}.
     */
    @Override
    public List<String> store(String from, String id, byte[] deliver, List<String> recipients,
            DurabilityCallback whenDurable) {
        try {
            List<String> full = cluster.await(storeAsync(from, id, deliver, recipients));
            whenDurable.stored(true);
            return full;
        } catch (ClusterUnavailableException e) {
            whenDurable.stored(false);
            return List.of();
        }
    }

    /** Deletes the copy, waiting for Redis; the relay's ack handler uses {@link #ackAsync}. */
    @Override
    public boolean ack(String recipient, String from, String id) {
        return cluster.await(ackAsync(recipient, from, id));
    }

    @Override
    public CompletableFuture<Boolean> ackAsync(String recipient, String from, String id) {
        return cluster.<Long>script(Scripts.ACK, ScriptOutputType.INTEGER,
                new String[] {inbox(recipient), index(recipient), DEPTH}, from + " " + id)
                .thenApply(n -> n != null && n == 1L);
    }

    @Override
    public List<StoredDelivery> queued(String recipient, long afterSeq, int max) {
        long cutoff = Math.max(0, clock.millis() - ttlMillis);
        long start = Math.max(afterSeq, (cutoff << 20) - 1);
        Range<String> range = Range.from(start <= 0 ? Range.Boundary.unbounded() : Range.Boundary.excluding(streamId(start)),
                Range.Boundary.unbounded());
        List<StreamMessage<String, byte[]>> entries = cluster.await(
                cluster.commands().xrange(inbox(recipient), range, Limit.from(max)));
        List<StoredDelivery> out = new ArrayList<>(entries.size());
        for (StreamMessage<String, byte[]> e : entries) {
            byte[] d = e.getBody().get("d");
            if (d != null) {
                out.add(new StoredDelivery(seq(e.getId()), d));
            }
        }
        return out;
    }

    @Override
    public long depth() {
        return cluster.depth();
    }

    /** Drops expired copies of every inbox; run every TTL/10 by each node (idempotent). */
    public void purgeExpired() {
        String cutoff = cutoffId();
        ValueScanCursor<byte[]> cursor = null;
        do {
            cursor = cursor == null
                    ? cluster.await(cluster.commands().sscan(INBOXES, ScanArgs.Builder.limit(500)))
                    : cluster.await(cluster.commands().sscan(INBOXES, cursor, ScanArgs.Builder.limit(500)));
            for (byte[] name : cursor.getValues()) {
                String user = new String(name, StandardCharsets.UTF_8);
                long removed;
                do {
                    removed = cluster.<Long>await(cluster.script(Scripts.TRIM, ScriptOutputType.INTEGER,
                            new String[] {inbox(user), index(user), DEPTH, INBOXES}, cutoff, user));
                } while (removed >= 1000);
            }
        } while (!cursor.isFinished());
    }

    private String cutoffId() {
        return Math.max(0, clock.millis() - ttlMillis) + "-0";
    }

    /** A stream id "ms-n" as a seq: ms × 2^20 + n (n stays far below 2^20 per recipient and ms). */
    static long seq(String streamId) {
        int dash = streamId.indexOf('-');
        return Long.parseLong(streamId.substring(0, dash)) << 20 | Math.min(Long.parseLong(streamId.substring(dash + 1)), (1 << 20) - 1);
    }

    static String streamId(long seq) {
        return (seq >>> 20) + "-" + (seq & ((1 << 20) - 1));
    }

    @Override
    public void close() {
        // the connection belongs to the cluster
    }
}
