package org.parley.chat.internal.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;
import org.parley.identity.Identity;

/**
 * The two keys of the local history and what is done with them.
 *
 * <h3>Key derivation</h3>
 * Both come from {@link Identity#storageKey}: HKDF-SHA256 with IKM = the identity's Ed25519 seed, salt
 * {@code "parley identity storage keys"} and info
 * <ul>
 *   <li>{@value #SEAL_LABEL}: the AES-256-GCM key that seals every stored value (96-bit random nonce per
 *       value, 128-bit tag, the nonce stored in front of the ciphertext);</li>
 *   <li>{@value #LOOKUP_LABEL}: the HMAC-SHA256 key for lookup keys (conversation and message tags,
 *       truncated to 128 bits), so the file's keys reveal no peer names and no message ids.</li>
 * </ul>
 * The seed exists only in the unlocked identity, so neither key can be derived while it is locked.
 *
 * <h3>Security guarantees</h3>
 * {@link #open} fails (never returns garbage) unless the value was sealed with the same key and the
 * same associated data. Key bytes are wiped from the arrays used to build the keys; the JCE key objects
 * live until the history is locked and are then dropped.
 *
 * <h3>Threading</h3>
 * Not thread-safe (reuses one Cipher and one Mac): confined to the history's executor.
 */
final class HistoryKeys {

    static final String SEAL_LABEL = "parley history v1 aes-256-gcm";
    static final String LOOKUP_LABEL = "parley history v1 hmac-sha256 lookup";
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int LOOKUP_TAG_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec sealKey;
    private final Cipher cipher;
    private final Mac mac;

    private HistoryKeys(SecretKeySpec sealKey, SecretKeySpec lookupKey) throws GeneralSecurityException {
        this.sealKey = sealKey;
        this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        this.mac = Mac.getInstance("HmacSHA256");
        mac.init(lookupKey);
    }

    /** The keys of {@code identity}'s history. */
    static HistoryKeys of(Identity identity) throws GeneralSecurityException {
        return of(identity.storageKey(SEAL_LABEL), identity.storageKey(LOOKUP_LABEL));
    }

    static HistoryKeys of(SecretBytes seal, SecretBytes lookup) throws GeneralSecurityException {
        byte[] s = seal.toByteArray(SecretAccess.get());
        byte[] l = lookup.toByteArray(SecretAccess.get());
        try {
            return new HistoryKeys(new SecretKeySpec(s, "AES"), new SecretKeySpec(l, "HmacSHA256"));
        } finally {
            Arrays.fill(s, (byte) 0);
            Arrays.fill(l, (byte) 0);
        }
    }

    /** nonce || AES-256-GCM(plaintext, ad). */
    byte[] seal(byte[] plaintext, byte[] ad) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(ad);
        byte[] out = new byte[NONCE_BYTES + cipher.getOutputSize(plaintext.length)];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
        return out;
    }

    /** The plaintext of {@link #seal}'s output; throws if the key, the value or {@code ad} differ. */
    byte[] open(byte[] sealed, byte[] ad) throws GeneralSecurityException {
        if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("sealed value too short");
        }
        cipher.init(Cipher.DECRYPT_MODE, sealKey, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
        cipher.updateAAD(ad);
        return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    /**
     * A lookup key: hex of the first 128 bits of HMAC-SHA256 over {@code domain} and {@code parts}, each
     * length-prefixed so that no two different inputs encode alike.
     */
    String tag(String domain, String... parts) {
        mac.update(lengthPrefixed(domain));
        for (String part : parts) {
            mac.update(lengthPrefixed(part));
        }
        return HEX.formatHex(Arrays.copyOf(mac.doFinal(), LOOKUP_TAG_BYTES));
    }

    private static byte[] lengthPrefixed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + b.length).putInt(b.length).put(b).array();
    }

    @Override
    public String toString() {
        return "HistoryKeys[<secret>]";
    }
}
