package org.parley.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.parley.chat.ChatMessage;
import org.parley.chat.ChatSnapshot;
import org.parley.chat.ConnectionState;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;
import org.parley.chat.HistoryEntry;

/** Plain-Java UI logic: transcript merging, wrapping, day labels, contact rows, countdown. */
class ModelTest {

    private static ChatMessage msg(String id, long t) {
        return new ChatMessage(id, Conversation.with("bob"), "bob", false, "text " + id, "s", t, ChatMessage.Status.RECEIVED);
    }

    @Test
    void historyPagesMergeWithLiveLinesOnce() {
        Transcript t = new Transcript();
        t.append(ChatLine.of(msg("3", 300)));
        t.append(ChatLine.notice("carol joined", 250));
        List<HistoryEntry> page = List.of(
                new HistoryEntry(7, Conversation.with("bob"), HistoryEntry.Kind.MESSAGE, msg("1", 100), null, 100),
                new HistoryEntry(8, Conversation.with("bob"), HistoryEntry.Kind.MESSAGE, msg("2", 200), null, 200),
                new HistoryEntry(9, Conversation.with("bob"), HistoryEntry.Kind.MESSAGE, msg("3", 300), null, 300));
        assertEquals(2, t.mergeOlder(page, 3));
        assertEquals(List.of(100L, 200L, 250L, 300L), t.lines().stream().map(ChatLine::timestamp).toList());
        assertEquals(7, t.oldestSeq());
        assertEquals(false, t.historyExhausted());
        assertEquals(0, t.mergeOlder(List.of(), 3));
        assertTrue(t.historyExhausted());
    }

    @Test
    void textWrapsAtWordsAndLineBreaks() {
        assertEquals(List.of("aaa bbb", "ccc"), TranscriptLayout.wrap("aaa bbb ccc", 10));
        assertEquals(List.of("one", "two"), TranscriptLayout.wrap("one\ntwo", 80));
        assertEquals(List.of("0123456789", "0123"), TranscriptLayout.wrap("01234567890123", 10));
        assertEquals(List.of(""), TranscriptLayout.wrap("", 10));
    }

    @Test
    void longNoticesWrapAndSchemeNamesAreShortInTheList() {
        TranscriptLayout layout = new TranscriptLayout(java.time.ZoneOffset.UTC, LocalDate.of(1970, 1, 1),
                id -> "Post-quantum hybrid (X25519 + ML-KEM-768, AES-256-GCM)", 30);
        List<TranscriptLayout.Row> rows = layout.layout(List.of(
                ChatLine.notice("A message from alice was refused: install the plugin X to read it", 1000),
                ChatLine.of(msg("1", 2000))));
        List<String> notice = rows.stream().filter(r -> r.kind() == TranscriptLayout.Kind.WARNING)
                .map(TranscriptLayout.Row::text).toList();
        assertTrue(notice.size() > 1, "wrapped: " + notice);
        assertTrue(String.join(" ", notice).endsWith("to read it"), notice.toString());
        String meta = rows.get(rows.size() - 1).meta();
        assertTrue(meta.startsWith("Post-quantum hybrid ") && !meta.contains("X25519"), meta);
        assertEquals("RSA-OAEP + AES-256-GCM", TranscriptLayout.shortName("RSA-OAEP + AES-256-GCM"));
    }

    @Test
    void daysAreNamedRelativeToToday() {
        LocalDate today = LocalDate.of(2026, 3, 4);
        assertEquals("Today", TranscriptLayout.dayLabel(today, today));
        assertEquals("Yesterday", TranscriptLayout.dayLabel(today.minusDays(1), today));
        assertEquals("Sunday, 1 March 2026", TranscriptLayout.dayLabel(today.minusDays(3), today));
        assertTrue(TranscriptLayout.isWarning("A message from bob could not be opened: unknown scheme"));
        assertTrue(!TranscriptLayout.isWarning("bob joined"));
    }

    @Test
    void contactRowsPutEveryoneFirstAndFilter() {
        ChatSnapshot s = new ChatSnapshot(ConnectionState.CONNECTED, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), List.of(new Contact("bob", "f", List.of(), Contact.Trust.VERIFIED),
                        new Contact("zed", "f", List.of(), Contact.Trust.TRUSTED, false)));
        List<ContactRows.Row> rows = ContactRows.of(s, c -> c.isEveryone() ? 2 : 0, "");
        assertEquals("Everyone  (2)", rows.get(0).name());
        assertEquals("1 online", rows.get(0).identity());
        assertEquals("\u2713 verified", rows.get(1).identity());
        assertEquals(ContactRows.Tone.OFFLINE, rows.get(2).tone());
        assertEquals(List.of(Conversation.with("zed")),
                ContactRows.of(s, c -> 0, " ZE ").stream().map(ContactRows.Row::conversation).toList());
    }

    @Test
    void theCountdownIsReadFromTheDetail() {
        ReconnectCountdown c = ReconnectCountdown.parse("retrying in 10 s", 0).orElseThrow();
        assertEquals(10, c.secondsLeft(0));
        assertEquals(1, c.secondsLeft(9_001));
        assertEquals("retrying in 4 s", c.describe(6_000));
        assertTrue(ReconnectCountdown.parse("closed by the relay", 0).isEmpty());
    }
}
