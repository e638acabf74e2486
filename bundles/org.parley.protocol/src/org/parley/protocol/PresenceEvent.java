package org.parley.protocol;

/** The {@code event} of a {@code presence} frame. */
public enum PresenceEvent {
    JOIN("join"), LEAVE("leave");

    private final String wireName;

    PresenceEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
