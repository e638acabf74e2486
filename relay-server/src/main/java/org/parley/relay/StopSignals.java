package org.parley.relay;

import java.lang.System.Logger.Level;

/**
 * Turns SIGTERM and SIGINT into a stop request, so that the relay shuts down gracefully and
 * {@link RelayMain} exits with 0 rather than the JVM's 143/130. Uses {@code sun.misc.Signal}
 * (module {@code jdk.unsupported}); where that is missing, the shutdown hook still stops the relay
 * gracefully, only with the JVM's exit code.
 *
 * <p>Threading: the action runs on a JVM signal thread and must not block.
 */
final class StopSignals {
    private static final System.Logger LOG = System.getLogger(StopSignals.class.getName());

    private StopSignals() {
    }

    static void install(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> stop.run());
            } catch (IllegalArgumentException | LinkageError e) {
                LOG.log(Level.DEBUG, "event=no-signal-handler signal=SIG{0} fallback=shutdown-hook", name);
            }
        }
    }
}
