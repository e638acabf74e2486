package org.parley.chat.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Runs a task once after a delay: the seam through which tests replace real waiting (reconnect backoff)
 * with a clock they move.
 *
 * <h3>Threading</h3>
 * {@link #schedule} may be called on any thread; the task runs on a thread of the scheduler's choosing
 * and must hand its work to the client's event executor. There is no cancellation: a task that is no
 * longer wanted finds out when it runs (the client's tasks check a generation number).
 */
@FunctionalInterface
public interface Scheduler {

    void schedule(Duration delay, Runnable task);

    /** Real time, on the JDK's shared delay thread, running the task on {@code executor}. */
    static Scheduler on(Executor executor) {
        return (delay, task) -> CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, executor)
                .execute(task);
    }
}
