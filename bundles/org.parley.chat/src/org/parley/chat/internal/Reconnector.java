package org.parley.chat.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

import org.parley.chat.ChatException;
import org.parley.protocol.ErrorCode;
import org.parley.transport.CertificatePinException;

/**
 * Decides whether and when {@link ChatClient} logs in again after losing a connection. It is armed by
 * every accepted login (so a first {@code connect} that fails is reported, not retried) and disarmed by
 * the user's {@code disconnect} or a permanent failure. Retries wait with {@link Backoff}; a successful
 * login resets the attempt count.
 *
 * <p>Permanent failures, which end the session instead: a changed relay certificate (its pin does not
 * match), a missing or locked identity, and a login the relay refuses for a reason that a retry cannot
 * fix ({@code name-registered}, {@code auth-failed}, {@code bad-bundle}, … — every code except the
 * {@link #TRANSIENT_LOGIN_ERRORS}). {@code name-taken} is transient on purpose: right after a silent
 * drop the relay may still hold the old connection until its idle timeout.
 *
 * <h3>Threading</h3>
 * Confined to the client's event executor; scheduled attempts are handed back to it.
 */
final class Reconnector {

    /** Login refusals that can go away by themselves. */
    static final Set<String> TRANSIENT_LOGIN_ERRORS = Set.of(ErrorCode.NAME_TAKEN.wireName(),
            ErrorCode.RATE_LIMITED.wireName(), ErrorCode.TOO_MANY_CONNECTIONS.wireName());

    /** Where to log in again. */
    record Target(URI relay, String user) {
    }

    private final Backoff backoff;
    private final Scheduler scheduler;
    private final Executor events;
    private Optional<Target> target = Optional.empty();
    private int attempt;
    private long generation;

    Reconnector(Backoff backoff, Scheduler scheduler, Executor events) {
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.events = events;
    }

    /** A login was accepted: reconnect to it if the connection is lost; attempts start again from 1. */
    void arm(URI relay, String user) {
        target = Optional.of(new Target(relay, user));
        attempt = 0;
    }

    /** No more reconnecting; attempts already scheduled do nothing. */
    void disarm() {
        target = Optional.empty();
        attempt = 0;
        generation++;
    }

    boolean armed() {
        return target.isPresent();
    }

    Optional<Target> target() {
        return target;
    }

    /**
     * Schedules the next attempt: {@code retry} runs on the event executor after the backoff delay,
     * unless {@link #disarm} or another schedule came first.
     *
     * @return the status detail, e.g. "retrying in 4 s (attempt 3)"
     */
    String schedule(Runnable retry) {
        attempt++;
        Duration delay = backoff.delay(attempt);
        long mine = ++generation;
        scheduler.schedule(delay, () -> events.execute(() -> {
            if (mine == generation && armed()) {
                retry.run();
            }
        }));
        return "retrying in " + Backoff.describe(delay) + " (attempt " + attempt + ")";
    }

    /** Whether a failure to dial or prepare cannot be cured by retrying. */
    static boolean permanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CertificatePinException || t instanceof ChatException) {
                return true;
            }
        }
        return false;
    }

    /** Whether the relay's refusal of a login with {@code code} cannot be cured by retrying. */
    static boolean permanent(String code) {
        return !TRANSIENT_LOGIN_ERRORS.contains(code);
    }
}
