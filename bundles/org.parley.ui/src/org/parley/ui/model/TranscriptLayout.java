package org.parley.ui.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

import org.parley.chat.ChatMessage;

/**
 * Turns a transcript into the rows of the message list, one short line of text each, so that the list
 * can be virtual (every row the same height, only visible rows materialized): a separator for each day,
 * a header for each group of consecutive messages from one sender, the message text wrapped to the
 * list's width, and system lines. The last row of a message carries its scheme, delivery state and time.
 *
 * <h3>Threading</h3>
 * Immutable; any thread.
 */
public final class TranscriptLayout {

    /** Messages of one sender further apart than this start a new group. */
    static final long GROUP_GAP_MILLIS = 5 * 60_000L;

    /** What a row shows. */
    public enum Kind {
        DAY, HEADER, TEXT, NOTICE, WARNING
    }

    /**
     * One row of the message list.
     *
     * @param kind what it shows
     * @param text the left-hand text
     * @param meta the right-hand text: scheme, delivery state and time on a message's last row, the time
     *     on notices; empty otherwise
     * @param encrypted true on a message's last row, which shows the lock
     * @param outgoing true for rows of the local user's messages
     * @param source the transcript line it comes from (a day separator: the first line of the day)
     */
    public record Row(Kind kind, String text, String meta, boolean encrypted, boolean outgoing, ChatLine source) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH);

    private final ZoneId zone;
    private final LocalDate today;
    private final Function<String, String> schemeName;
    private final int columns;

    /**
     * @param zone the zone to show times in
     * @param today the day called "Today"
     * @param schemeName display name of a scheme id
     * @param columns characters per row; longer text wraps
     */
    public TranscriptLayout(ZoneId zone, LocalDate today, Function<String, String> schemeName, int columns) {
        this.zone = Objects.requireNonNull(zone);
        this.today = Objects.requireNonNull(today);
        this.schemeName = Objects.requireNonNull(schemeName);
        this.columns = Math.max(10, columns);
    }

    public List<Row> layout(List<ChatLine> lines) {
        List<Row> rows = new ArrayList<>(lines.size() * 2);
        LocalDate day = null;
        ChatMessage previous = null;
        for (ChatLine line : lines) {
            LocalDate lineDay = Instant.ofEpochMilli(line.timestamp()).atZone(zone).toLocalDate();
            if (!lineDay.equals(day)) {
                rows.add(new Row(Kind.DAY, dayLabel(lineDay, today), "", false, false, line));
                day = lineDay;
                previous = null;
            }
            String time = TIME.format(Instant.ofEpochMilli(line.timestamp()).atZone(zone));
            if (line.notice().isPresent()) {
                String notice = line.notice().get();
                boolean warning = isWarning(notice);
                // wrapped like messages: a refused message's reason (which plugin is missing) must be readable
                List<String> parts = wrap((warning ? "\u26a0 " : "\u2014 ") + notice, columns);
                for (int i = 0; i < parts.size(); i++) {
                    rows.add(new Row(warning ? Kind.WARNING : Kind.NOTICE, parts.get(i), i == 0 ? time : "", false,
                            false, line));
                }
                previous = null;
                continue;
            }
            ChatMessage m = line.message().get();
            if (!sameGroup(previous, m)) {
                rows.add(new Row(Kind.HEADER, m.outgoing() ? "You" : m.sender(), "", false, m.outgoing(), line));
            }
            List<String> wrapped = wrap(m.text(), columns);
            for (int i = 0; i < wrapped.size(); i++) {
                boolean last = i == wrapped.size() - 1;
                // a received message has no delivery state worth the room: scheme and time only
                String meta = !last ? "" : shortName(schemeName.apply(m.schemeId()))
                        + (m.status() == ChatMessage.Status.RECEIVED ? "" : " \u00b7 " + state(m.status())) + "   " + time;
                rows.add(new Row(Kind.TEXT, wrapped.get(i), meta, last, m.outgoing(), line));
            }
            previous = m;
        }
        return rows;
    }

    private static boolean sameGroup(ChatMessage previous, ChatMessage next) {
        return previous != null && previous.outgoing() == next.outgoing() && previous.sender().equals(next.sender())
                && next.timestamp() - previous.timestamp() <= GROUP_GAP_MILLIS;
    }

    /**
     * A scheme's name without its parenthesised details ("Post-quantum hybrid (X25519 + …)" → "Post-quantum
     * hybrid"), so the right-hand column leaves the text its room; the composer's box shows the full name.
     */
    public static String shortName(String displayName) {
        int paren = displayName.indexOf(" (");
        return paren > 0 ? displayName.substring(0, paren) : displayName;
    }

    /** "Today", "Yesterday", or the full date. */
    public static String dayLabel(LocalDate day, LocalDate today) {
        if (day.equals(today)) {
            return "Today";
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        return DAY.format(day);
    }

    /** Key changes, messages that could not be opened and failures stand out from joins and leaves. */
    public static boolean isWarning(String notice) {
        String t = notice.toLowerCase(Locale.ROOT);
        return t.contains("key changed") || t.contains("could not") || t.contains("cannot") || t.contains("failed")
                || t.contains("not sent") || t.contains("refused") || t.contains("missing");
    }

    public static String state(ChatMessage.Status status) {
        switch (status) {
            case SENDING:
                return "sending\u2026";
            case SENT:
                return "sent \u2713";
            case DELIVERED:
                return "delivered \u2713\u2713";
            case FAILED:
                return "failed \u2717";
            default:
                return "received";
        }
    }

    /**
     * Splits {@code text} at its line breaks and wraps each line at word boundaries to at most
     * {@code columns} characters (a longer word is cut); never returns an empty list.
     */
    public static List<String> wrap(String text, int columns) {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\r?\n", -1)) {
            String rest = paragraph.stripTrailing();
            while (rest.length() > columns) {
                int cut = rest.lastIndexOf(' ', columns);
                if (cut <= 0) {
                    cut = columns;
                    if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                        cut--;
                    }
                }
                out.add(rest.substring(0, cut).stripTrailing());
                rest = rest.substring(cut).stripLeading();
            }
            out.add(rest);
        }
        return out;
    }
}
