package org.parley.chat.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Scheduler} that only records: the test runs the waiting tasks, so no test sleeps. */
final class ManualScheduler implements Scheduler {

    private record Task(Duration delay, Runnable task) {
    }

    private final List<Task> tasks = new ArrayList<>();
    /** Every delay ever asked for, in order. */
    final List<Duration> delays = new ArrayList<>();

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        tasks.add(new Task(delay, task));
        delays.add(delay);
    }

    synchronized int waiting() {
        return tasks.size();
    }

    /** Runs the oldest waiting task as if its delay had passed, and returns that delay. */
    Duration runNext() {
        Task next;
        synchronized (this) {
            if (tasks.isEmpty()) {
                throw new AssertionError("nothing is scheduled");
            }
            next = tasks.remove(0);
        }
        next.task().run();
        return next.delay();
    }
}
