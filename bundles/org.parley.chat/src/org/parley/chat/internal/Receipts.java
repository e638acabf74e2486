package org.parley.chat.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.parley.chat.ChatEvent;
import org.parley.chat.ChatMessage;
import org.parley.protocol.Frame;

/**
 * Follows messages the relay accepted (SENT) until their recipients' clients acknowledge them
 * (PROTOCOL.md §3.2 {@code receipt}): a message becomes DELIVERED once every user it was handed to or
 * queued for has sent a receipt — for a direct message, the first receipt from its peer. Users the
 * relay refused are not waited for. An "everyone" message whose recipients send no receipts (the relay
 * stores only direct messages) stays SENT.
 *
 * <p>Kept across reconnects, because receipts may arrive in a later session. Bounded: the oldest
 * tracked messages are forgotten beyond {@value #MAX_TRACKED}. A receipt that overtakes its message's
 * {@code sent} is held (at most {@value #MAX_EARLY}) and applied when the {@code sent} arrives.
 *
 * <h3>Threading</h3>
 * Confined to the client's event executor; observers are called there too.
 */
final class Receipts {

    static final int MAX_TRACKED = 10_000;
    static final int MAX_EARLY = 1_000;

    /** Told about every first receipt of a user for a tracked message (for the headless client's output). */
    @FunctionalInterface
    interface Observer {
        void receipt(String messageId, String user, long ts);
    }

    private static final class Tracked {
        final ChatMessage message;
        final Set<String> waiting;
        final int total;

        Tracked(ChatMessage message, Set<String> waiting) {
            this.message = message;
            this.waiting = waiting;
            this.total = waiting.size();
        }
    }

    private final Listeners listeners;
    private final List<Observer> observers = new CopyOnWriteArrayList<>();
    private final Map<String, Tracked> tracked = new LinkedHashMap<>(); // oldest first
    private final Map<String, Map<String, Long>> early = new LinkedHashMap<>();

    Receipts(Listeners listeners) {
        this.listeners = listeners;
    }

    void addObserver(Observer observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** {@code message} is SENT; wait for receipts from {@code users} (nothing to wait for if empty). */
    void expect(ChatMessage message, Collection<String> users) {
        if (users.isEmpty()) {
            return;
        }
        putBounded(tracked, message.id(), new Tracked(message, new LinkedHashSet<>(users)), MAX_TRACKED);
        Map<String, Long> before = early.remove(message.id());
        if (before != null) {
            before.forEach((user, ts) -> receipt(new Frame.Receipt(message.id(), user, ts)));
        }
    }

    void receipt(Frame.Receipt r) {
        Tracked t = tracked.get(r.ref());
        if (t == null) {
            // maybe ahead of its sent; else a message of an earlier run or one forgotten by the bound
            Map<String, Long> users = early.get(r.ref());
            if (users == null) {
                users = new HashMap<>();
                putBounded(early, r.ref(), users, MAX_EARLY);
            }
            users.putIfAbsent(r.user(), r.ts());
            return;
        }
        if (!t.waiting.remove(r.user())) {
            return; // a repeat, or a user the message was not for
        }
        observers.forEach(o -> o.receipt(r.ref(), r.user(), r.ts()));
        if (t.waiting.isEmpty()) {
            tracked.remove(r.ref());
            String detail = t.total == 1 ? "delivered to " + r.user() : "delivered to all " + t.total + " recipients";
            listeners.emit(new ChatEvent.MessageStatusChanged(t.message.conversation(), r.ref(),
                    ChatMessage.Status.DELIVERED, detail));
        }
    }

    /** Messages waiting for receipts (tests). */
    int size() {
        return tracked.size();
    }

    /** Puts, then forgets the oldest entry if the map outgrew {@code max}. */
    private static <V> void putBounded(Map<String, V> map, String key, V value, int max) {
        map.put(key, value);
        if (map.size() > max) {
            Iterator<String> oldest = map.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }
}
