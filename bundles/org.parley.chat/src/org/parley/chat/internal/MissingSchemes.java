package org.parley.chat.internal;

import java.util.Map;

/**
 * What to tell a user who received a message in a scheme that is not installed: which plugin provides
 * it and where to install it. Schemes Parley publishes itself are named; others get the generic advice.
 */
final class MissingSchemes {

    /** Scheme id → the plugin (p2 feature) that provides it, for schemes published by the Parley project. */
    private static final Map<String, String> KNOWN = Map.of(
            "x25519-mlkem768-aes-gcm", "\"Parley post-quantum encryption plugin\" (org.parley.crypto.pq.feature)");

    private MissingSchemes() {
    }

    /** The advice that follows "it is encrypted with 'id', …". */
    static String advice(String schemeId) {
        String plugin = KNOWN.get(schemeId);
        if (plugin != null) {
            return "which is not installed here. Install the plugin " + plugin
                    + " from Parley > Encryption Plugins… to read such messages";
        }
        return "which is not installed here. Ask the sender which encryption plugin provides it, and install that "
                + "plugin from Parley > Encryption Plugins…";
    }
}
