package org.parley.identity;

/** What the local user knows about another user's identity key (PROTOCOL.md §4.6). */
public enum TrustState {
    /** Pinned on first use, not verified. */
    TRUSTED,
    /** Pinned and verified by comparing safety numbers. */
    VERIFIED,
    /** Differs from the pinned key: do not use until the user accepts it. */
    CHANGED
}
