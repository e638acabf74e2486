package org.parley.crypto.api;

/**
 * Capability token required to read or create {@link SecretBytes}. Search for {@code SecretAccess.get()}
 * to audit every place that handles secret key material.
 */
public final class SecretAccess {

    private static final SecretAccess INSTANCE = new SecretAccess();

    private SecretAccess() {
    }

    public static SecretAccess get() {
        return INSTANCE;
    }
}
