package org.parley.chat.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.protocol.ErrorCode;
import org.parley.protocol.Frame;

/**
 * Outgoing messages the relay has not accepted yet (SENDING), with the exact {@code send} frame that
 * carries each, in the order they were sent. They survive a lost connection: after the next login
 * {@link ChatClient} writes them again, byte for byte the same id, body, {@code cts} and signature (or
 * re-signed, see {@link Sender#resign}), so a relay that did store the first copy makes the receiver see
 * a duplicate it drops by {@code (from, id)} — the user sees each message once.
 *
 * <p>{@code sent} moves a message to SENT (and to {@link Receipts}); if every recipient was refused it
 * is FAILED with the reasons instead, and partial refusals become a notice in the conversation. An
 * {@code error} naming the message makes it FAILED.
 *
 * <h3>Threading</h3>
 * Confined to the client's event executor.
 */
final class Outbox {

    /** How many unaccepted messages may wait at most. */
    static final int DEFAULT_CAPACITY = 1000;

    /** A message and the frame that carries it. */
    record Entry(ChatMessage message, Frame.Send frame) {
    }

    private final int capacity;
    private final Listeners listeners;
    private final Receipts receipts;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    Outbox(int capacity, Listeners listeners, Receipts receipts) {
        this.capacity = capacity;
        this.listeners = listeners;
        this.receipts = receipts;
    }

    boolean isFull() {
        return entries.size() >= capacity;
    }

    int capacity() {
        return capacity;
    }

    void add(ChatMessage message, Frame.Send frame) {
        if (isFull()) {
            throw new IllegalStateException("BUG: check isFull() before add");
        }
        entries.put(message.id(), new Entry(message, frame));
    }

    /** The unaccepted messages, oldest first. */
    List<Entry> unaccepted() {
        return new ArrayList<>(entries.values());
    }

    /** Swaps the frame of a waiting message (after re-signing it). */
    void replace(String id, Frame.Send frame) {
        entries.computeIfPresent(id, (k, e) -> new Entry(e.message(), frame));
    }

    void sent(Frame.Sent sent) {
        Entry entry = entries.remove(sent.ref());
        if (entry == null) {
            return; // a repeated or unknown sent
        }
        ChatMessage message = entry.message();
        boolean reachedNobody = sent.recipients().isEmpty() && sent.queued().isEmpty();
        if (reachedNobody && !sent.refused().isEmpty()) {
            String reasons = sent.refused().stream().map(r -> r.user() + ": " + r.code())
                    .collect(Collectors.joining(", "));
            fail(message, reasons);
            return;
        }
        listeners.emit(new ChatEvent.MessageStatusChanged(message.conversation(), message.id(),
                ChatMessage.Status.SENT, describe(sent)));
        for (Frame.Sent.Refusal r : sent.refused()) {
            listeners.notice(message.conversation(), "not delivered to " + r.user() + ": " + explain(r));
        }
        Set<String> waitFor = new LinkedHashSet<>(sent.recipients());
        waitFor.addAll(sent.queued());
        receipts.expect(message, waitFor);
    }

    /** Marks a waiting message FAILED; false if {@code id} is not waiting. */
    boolean failed(String id, String detail) {
        Entry entry = entries.remove(id);
        if (entry == null) {
            return false;
        }
        fail(entry.message(), detail);
        return true;
    }

    /** The connection ended for good: nothing waiting will be sent. */
    void failAll(String detail) {
        for (Entry e : unaccepted()) {
            failed(e.message().id(), detail);
        }
    }

    Optional<Entry> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    private void fail(ChatMessage message, String detail) {
        listeners.emit(new ChatEvent.MessageStatusChanged(message.conversation(), message.id(),
                ChatMessage.Status.FAILED, detail));
    }

    private static String describe(Frame.Sent sent) {
        List<String> parts = new ArrayList<>();
        if (!sent.recipients().isEmpty()) {
            parts.add("handed to " + String.join(", ", sent.recipients()));
        }
        if (!sent.queued().isEmpty()) {
            parts.add("stored for " + String.join(", ", sent.queued()) + " (offline)");
        }
        return parts.isEmpty() ? "nobody was online to receive it" : String.join("; ", parts);
    }

    private static String explain(Frame.Sent.Refusal r) {
        Optional<ErrorCode> code = r.knownCode();
        if (code.isPresent() && code.get() == ErrorCode.UNKNOWN_RECIPIENT) {
            return "never registered";
        }
        if (code.isPresent() && code.get() == ErrorCode.QUEUE_FULL) {
            return "their offline queue is full";
        }
        return r.code();
    }
}
