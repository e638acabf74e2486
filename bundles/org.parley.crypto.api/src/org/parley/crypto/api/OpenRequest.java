package org.parley.crypto.api;

import java.util.Objects;

/**
 * Input to {@link CryptoScheme#open}.
 *
 * @param sealed the bytes produced by {@link CryptoScheme#seal}
 * @param sender the claimed sender (already authenticated by the envelope signature); used by
 *     stateful schemes to find per-peer state
 * @param localKeyPair the local user's key pair for this scheme
 * @param associatedData the same associated data the sender sealed with
 */
public record OpenRequest(byte[] sealed, String sender, SchemeKeyPair localKeyPair, byte[] associatedData) {

    public OpenRequest {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(localKeyPair, "localKeyPair");
        Objects.requireNonNull(associatedData, "associatedData");
    }

    @Override
    public String toString() {
        return "OpenRequest[" + sealed.length + " bytes from " + sender + "]";
    }
}
