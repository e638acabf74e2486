package org.parley.ui.parts;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.parley.chat.ChatMessage;
import org.parley.ui.model.ChatLine;

/**
 * Writes a transcript into a {@link StyledText}: "time sender: text  [lock scheme, state]" for
 * messages, italic lines for notices. Kept apart from the part so the layout of a line is in one place.
 */
final class TranscriptRenderer {

    private TranscriptRenderer() {
    }

    static void render(StyledText target, List<ChatLine> lines, DateTimeFormatter time) {
        StringBuilder text = new StringBuilder();
        List<StyleRange> styles = new ArrayList<>();
        int gray = SWT.COLOR_DARK_GRAY;
        for (ChatLine line : lines) {
            if (text.length() > 0) {
                text.append('\n');
            }
            String stamp = time.format(Instant.ofEpochMilli(line.timestamp())) + "  ";
            styles.add(range(text.length(), stamp.length(), target, gray, SWT.NORMAL));
            text.append(stamp);
            if (line.notice().isPresent()) {
                String notice = "\u2014 " + line.notice().get();
                styles.add(range(text.length(), notice.length(), target, gray, SWT.ITALIC));
                text.append(notice);
                continue;
            }
            ChatMessage m = line.message().get();
            String sender = (m.outgoing() ? "me" : m.sender()) + ": ";
            styles.add(range(text.length(), sender.length(), target, SWT.COLOR_BLACK, SWT.BOLD));
            text.append(sender).append(m.text());
            String meta = "   encrypted: " + m.schemeId() + " \u00b7 " + state(m.status());
            styles.add(range(text.length(), meta.length(), target, gray, SWT.NORMAL));
            text.append(meta);
        }
        target.setText(text.toString());
        target.setStyleRanges(styles.toArray(new StyleRange[0]));
        target.setTopIndex(Math.max(0, target.getLineCount() - 1));
    }

    static String state(ChatMessage.Status status) {
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

    private static StyleRange range(int start, int length, StyledText target, int color, int fontStyle) {
        StyleRange range = new StyleRange(start, length, target.getDisplay().getSystemColor(color), null);
        range.fontStyle = fontStyle;
        return range;
    }
}
