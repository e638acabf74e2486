package org.parley.transport;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a connection honest (PROTOCOL.md §1: keep-alive is WebSocket ping/pong): sends a ping every
 * {@code interval} and declares the connection dead when nothing at all (message, ping or pong) was
 * heard for {@code deadAfter}. Without it, a relay that vanished behind a NAT or a dead Wi-Fi looks
 * connected until TCP gives up, which can take many minutes.
 *
 * <h3>Threading</h3>
 * {@link #heard} is called on the WebSocket's thread, the checks run on one shared daemon timer thread;
 * the state is one volatile time stamp and a future, so no lock is needed. The dead callback runs once,
 * on the timer thread, and must not block.
 */
final class Heartbeat {

    /** One thread for every connection's pings: each check is a few microseconds of work. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration interval;
    private final Duration deadAfter;
    private volatile long lastHeardNanos = System.nanoTime();
    private ScheduledFuture<?> task; // guarded by this

    Heartbeat(Duration interval, Duration deadAfter) {
        this.interval = interval;
        this.deadAfter = deadAfter;
    }

    /** Anything arrived from the relay: it is alive. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** Starts pinging {@code webSocket}; {@code dead} is told once if the relay falls silent. */
    synchronized void start(WebSocket webSocket, Consumer<TransportException> dead) {
        if (task != null) {
            return;
        }
        heard();
        long period = interval.toNanos();
        task = TIMER.scheduleAtFixedRate(() -> check(webSocket, dead), period, period, TimeUnit.NANOSECONDS);
    }

    /** Stops pinging; idempotent. */
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
        task = null;
    }

    private void check(WebSocket webSocket, Consumer<TransportException> dead) {
        long silentNanos = System.nanoTime() - lastHeardNanos;
        if (silentNanos >= deadAfter.toNanos()) {
            stop();
            dead.accept(new TransportException("the relay did not answer for " + describe(deadAfter)
                    + "; the connection is considered lost"));
            return;
        }
        try {
            // a failed ping is not itself a verdict: silence is, and the next check will see it
            webSocket.sendPing(ByteBuffer.allocate(0));
        } catch (IllegalStateException e) {
            // the previous ping is still being written (a stalled network): skip this one
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "parley-heartbeat");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
