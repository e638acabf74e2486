package org.parley.ui.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToIntFunction;

import org.parley.chat.ChatSnapshot;
import org.parley.chat.Contact;
import org.parley.chat.Conversation;

/**
 * The rows of the contacts list: "Everyone" first, then the contacts in the snapshot's order (online,
 * then offline), with presence, unread count, trust and a shortened fingerprint, narrowed by a filter.
 */
public final class ContactRows {

    /** How a row should stand out. */
    public enum Tone {
        NORMAL, OFFLINE, WARNING
    }

    /**
     * One row.
     *
     * @param conversation the conversation it opens
     * @param contact the contact, empty for Everyone
     * @param name presence glyph, name and unread count
     * @param identity presence and trust in the identity key
     * @param fingerprint the first groups of the key's fingerprint
     * @param tone how it stands out
     */
    public record Row(Conversation conversation, Optional<Contact> contact, String name, String identity,
            String fingerprint, Tone tone) {
    }

    private ContactRows() {
    }

    /**
     * @param filter case-insensitive text the name must contain; blank: everything
     */
    public static List<Row> of(ChatSnapshot snapshot, ToIntFunction<Conversation> unread, String filter) {
        String f = filter.strip().toLowerCase(Locale.ROOT);
        List<Row> rows = new ArrayList<>();
        Conversation everyone = Conversation.everyone();
        if (matches(everyone.title(), f)) {
            long online = snapshot.contacts().stream().filter(Contact::online).count();
            rows.add(new Row(everyone, Optional.empty(), withUnread(everyone.title(), unread.applyAsInt(everyone)),
                    online + " online", "", Tone.NORMAL));
        }
        for (Contact contact : snapshot.contacts()) {
            if (!matches(contact.user(), f)) {
                continue;
            }
            Conversation c = Conversation.with(contact.user());
            Tone tone = contact.trust() == Contact.Trust.CHANGED ? Tone.WARNING
                    : contact.online() ? Tone.NORMAL : Tone.OFFLINE;
            rows.add(new Row(c, Optional.of(contact), withUnread(contact.user(), unread.applyAsInt(c)),
                    identityLabel(contact), shortFingerprint(contact.fingerprint()), tone));
        }
        return rows;
    }

    private static boolean matches(String name, String filter) {
        return filter.isEmpty() || name.toLowerCase(Locale.ROOT).contains(filter);
    }

    static String withUnread(String name, int unread) {
        return name + (unread > 0 ? "  (" + unread + ")" : "");
    }

    /** The first four groups; the whole fingerprint is in the safety-number dialog and the clipboard. */
    public static String shortFingerprint(String fingerprint) {
        String[] groups = fingerprint.split(" ");
        return groups.length <= 4 ? fingerprint : String.join(" ", Arrays.copyOf(groups, 4)) + " \u2026";
    }

    /** The trust label, prefixed with "offline · " for a contact who is not online. */
    public static String identityLabel(Contact contact) {
        return (contact.online() ? "" : "offline \u00b7 ") + trustLabel(contact.trust());
    }

    public static String trustLabel(Contact.Trust trust) {
        switch (trust) {
            case VERIFIED:
                return "\u2713 verified";
            case CHANGED:
                return "\u26a0 KEY CHANGED";
            default:
                return "not verified";
        }
    }
}
