package org.parley.ui.model;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The countdown to the next reconnect attempt, from the detail of a RECONNECTING connection change
 * ("… retrying in N s"), so the status bar can tick it down.
 */
public final class ReconnectCountdown {

    private static final Pattern RETRY = Pattern.compile("retrying in (\\d{1,6}) ?s");

    private final long deadlineMillis;
    private final String detail;

    private ReconnectCountdown(long deadlineMillis, String detail) {
        this.deadlineMillis = deadlineMillis;
        this.detail = detail;
    }

    /** The countdown announced by {@code detail} at {@code nowMillis}, or empty if it names no delay. */
    public static java.util.Optional<ReconnectCountdown> parse(String detail, long nowMillis) {
        Matcher m = RETRY.matcher(detail);
        if (!m.find()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new ReconnectCountdown(nowMillis + Long.parseLong(m.group(1)) * 1000, detail));
    }

    /** Whole seconds left (rounded up), never negative. */
    public long secondsLeft(long nowMillis) {
        long left = deadlineMillis - nowMillis;
        return left <= 0 ? 0 : (left + 999) / 1000;
    }

    /** The detail with the remaining seconds in place of the announced ones. */
    public String describe(long nowMillis) {
        long left = secondsLeft(nowMillis);
        return RETRY.matcher(detail).replaceFirst(left == 0 ? "retrying now" : "retrying in " + left + " s");
    }

    static OptionalLong seconds(String detail) {
        Matcher m = RETRY.matcher(detail);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
