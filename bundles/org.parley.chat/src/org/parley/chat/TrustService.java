package org.parley.chat;

import java.util.Optional;

/**
 * Trust in contacts' identity keys: trust on first use, loud key changes, and verification through
 * safety numbers.
 *
 * <h3>Security guarantees</h3>
 * The first identity key seen for a user is pinned (persisted). A later, different key is never used
 * silently: the contact becomes {@link Contact.Trust#CHANGED}, messages from it are refused and
 * sending to it fails until {@link #acceptIdentityKey} is called. Verification resets on key change.
 *
 * <h3>Threading</h3>
 * Thread-safe and non-blocking; changes are announced as {@link ChatEvent.PresenceChanged} events.
 */
public interface TrustService {

    /** Accepts {@code user}'s current (changed) identity key; the contact becomes unverified-trusted. */
    void acceptIdentityKey(String user) throws ChatException;

    /** Marks {@code user}'s pinned key verified (after comparing safety numbers), or not. */
    void setVerified(String user, boolean verified) throws ChatException;

    /**
     * The safety number of the local identity and {@code user}'s pinned identity key: 60 digits in 12
     * groups of 5, the same on both sides (docs/PROTOCOL.md). Empty when the user is unknown or no
     * identity is unlocked.
     */
    Optional<String> safetyNumber(String user);
}
