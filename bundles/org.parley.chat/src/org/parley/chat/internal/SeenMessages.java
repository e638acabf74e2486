package org.parley.chat.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The (sender, message id) pairs already shown, so a delivery repeated by the relay is ignored.
 * Bounded: the oldest entries are forgotten beyond {@code capacity}. Not thread-safe; confined to the
 * client's event executor.
 */
final class SeenMessages {

    private final Map<String, Boolean> seen;

    SeenMessages(int capacity) {
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    boolean contains(String from, String id) {
        return seen.containsKey(key(from, id));
    }

    void add(String from, String id) {
        seen.put(key(from, id), Boolean.TRUE);
    }

    private static String key(String from, String id) {
        // '\n' occurs in neither user names nor ids, so the key is unambiguous
        return from + "\n" + id;
    }
}
