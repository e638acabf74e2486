package org.parley.identity;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;

/**
 * The identity file format, version 1 (binary; {@code LP}, {@code u8}/{@code u32}/{@code u64} as in
 * PROTOCOL.md §2):
 *
 * <pre>
 * "parley-identity" || 0x00 || u8(1)                                  magic and format version
 * LP(user) || LP(identity SPKI) || u64(created)                       public part ...
 * u8(1 = Argon2id) || u32(memory KiB) || u32(passes) || u32(lanes) || LP(salt, 16 bytes)
 * u32(n) || n x (LP(scheme id) || LP(public key))                     ... ends here: the "header"
 * LP(nonce, 12 bytes) || LP(AES-256-GCM(file key, nonce, secret, AAD = everything before the nonce))
 * secret = LP(Ed25519 seed, 32 bytes) || u32(n) || n x (LP(scheme id) || LP(private key))
 * </pre>
 *
 * The file key is Argon2id(passphrase as UTF-8, salt, parameters) with 32 bytes of output. The public
 * part is readable without the passphrase (user name and fingerprint of a locked identity) and is
 * authenticated as associated data, so changing it makes the file fail to open.
 */
final class IdentityFile {

    static final int MAX_FILE_BYTES = 1 << 20;
    static final int SALT_BYTES = 16;
    static final int NONCE_BYTES = 12;
    private static final String MAGIC = "parley-identity";
    private static final int VERSION = 1;
    private static final int KDF_ARGON2ID = 1;
    private static final int MAX_SCHEMES = 64;
    private static final int MAX_KEY_BYTES = 16 * 1024;
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

    /** What can be read without the passphrase. */
    record Header(String user, byte[] publicKey, long created, KdfParameters kdf, byte[] salt,
            SortedMap<String, byte[]> publicKeys, byte[] aad, byte[] nonce, byte[] ciphertext) {
    }

    private IdentityFile() {
    }

    static boolean isUser(String user) {
        return user != null && USER.matcher(user).matches();
    }

    static byte[] encode(Identity identity, KdfParameters kdf, byte[] salt, SecretBytes fileKey, byte[] nonce)
            throws GeneralSecurityException {
        LengthPrefixed header = LengthPrefixed.domain(MAGIC).u8(VERSION).lp(identity.user()).lp(identity.publicKey())
                .u64(identity.created()).u8(KDF_ARGON2ID).u32(kdf.memoryKiB()).u32(kdf.iterations())
                .u32(kdf.parallelism()).lp(salt).u32(identity.schemeKeys().size());
        LengthPrefixed secret = LengthPrefixed.empty();
        byte[] seed = identity.identityKey().privateKey().toByteArray(SecretAccess.get());
        secret.lp(seed).u32(identity.schemeKeys().size());
        LengthPrefixed.wipe(seed);
        for (Map.Entry<String, SchemeKeyPair> e : identity.schemeKeys().entrySet()) {
            header.lp(e.getKey()).lp(e.getValue().publicKey());
            byte[] privateKey = e.getValue().privateKey().toByteArray(SecretAccess.get());
            secret.lp(e.getKey()).lp(privateKey);
            LengthPrefixed.wipe(privateKey);
        }
        byte[] aad = header.toByteArray();
        byte[] plaintext = secret.toByteArrayAndWipe();
        try {
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, fileKey, nonce, aad).doFinal(plaintext);
            return LengthPrefixed.empty().raw(aad).lp(nonce).lp(ciphertext).toByteArray();
        } finally {
            LengthPrefixed.wipe(plaintext);
        }
    }

    static Header readHeader(byte[] file) throws InvalidIdentityFileException {
        if (file.length > MAX_FILE_BYTES) {
            throw new InvalidIdentityFileException("The identity file is larger than " + MAX_FILE_BYTES + " bytes.");
        }
        try {
            LengthPrefixed.Reader in = new LengthPrefixed.Reader(file);
            byte[] magic = LengthPrefixed.domain(MAGIC).toByteArray();
            if (!Arrays.equals(in.raw(magic.length), magic)) {
                throw new InvalidIdentityFileException("This is not a Parley identity file.");
            }
            int version = in.u8();
            if (version != VERSION) {
                throw new InvalidIdentityFileException("The identity file has format version " + version
                        + "; this Parley reads version " + VERSION + " only.");
            }
            String user = in.lpString(128);
            byte[] publicKey = in.lp(Ed25519.PUBLIC_KEY_BYTES);
            Ed25519.rawPublicKey(publicKey);
            long created = in.u64();
            if (!isUser(user) || in.u8() != KDF_ARGON2ID) {
                throw new IllegalArgumentException("unknown user name format or key derivation");
            }
            KdfParameters kdf = new KdfParameters(checkedInt(in.u32()), checkedInt(in.u32()), checkedInt(in.u32()));
            byte[] salt = in.lp(SALT_BYTES);
            long n = in.u32();
            if (n > MAX_SCHEMES || salt.length != SALT_BYTES) {
                throw new IllegalArgumentException("bad salt or too many schemes");
            }
            SortedMap<String, byte[]> publicKeys = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                publicKeys.put(in.lpString(64), in.lp(MAX_KEY_BYTES));
            }
            byte[] aad = Arrays.copyOf(file, in.position());
            byte[] nonce = in.lp(NONCE_BYTES);
            byte[] ciphertext = in.lp(MAX_FILE_BYTES);
            in.end();
            if (nonce.length != NONCE_BYTES || publicKeys.size() != n) {
                throw new IllegalArgumentException("bad nonce or repeated scheme");
            }
            return new Header(user, publicKey, created, kdf, salt, publicKeys, aad, nonce, ciphertext);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new InvalidIdentityFileException("The identity file is damaged: " + e.getMessage(), e);
        }
    }

    /** Decrypts and checks the secret part; {@link WrongPassphraseException} if the key is wrong. */
    static Identity open(Header h, SecretBytes fileKey) throws GeneralSecurityException, InvalidIdentityFileException {
        byte[] plaintext;
        try {
            plaintext = cipher(Cipher.DECRYPT_MODE, fileKey, h.nonce(), h.aad()).doFinal(h.ciphertext());
        } catch (AEADBadTagException e) {
            throw new WrongPassphraseException();
        }
        byte[] seed = null;
        try {
            LengthPrefixed.Reader in = new LengthPrefixed.Reader(plaintext);
            seed = in.lp(Ed25519.PRIVATE_KEY_BYTES);
            IdentityKeyPair identityKey = Ed25519.fromSeed(seed);
            if (!Arrays.equals(identityKey.publicKey(), h.publicKey()) || in.u32() != h.publicKeys().size()) {
                throw new IllegalArgumentException("the private part does not match the public part");
            }
            TreeMap<String, SchemeKeyPair> pairs = new TreeMap<>();
            for (Map.Entry<String, byte[]> e : h.publicKeys().entrySet()) {
                if (!e.getKey().equals(in.lpString(64))) {
                    throw new IllegalArgumentException("the private scheme keys do not match the public ones");
                }
                byte[] key = in.lp(MAX_KEY_BYTES * 4);
                pairs.put(e.getKey(), new SchemeKeyPair(e.getValue(), SecretBytes.copyFrom(key, SecretAccess.get())));
                LengthPrefixed.wipe(key);
            }
            in.end();
            return new Identity(h.user(), h.created(), identityKey, pairs);
        } catch (IllegalArgumentException e) {
            throw new InvalidIdentityFileException("The identity file is damaged: " + e.getMessage(), e);
        } finally {
            LengthPrefixed.wipe(seed);
            LengthPrefixed.wipe(plaintext);
        }
    }

    private static Cipher cipher(int mode, SecretBytes fileKey, byte[] nonce, byte[] aad)
            throws GeneralSecurityException {
        byte[] key = fileKey.toByteArray(SecretAccess.get());
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(aad);
            return cipher;
        } finally {
            LengthPrefixed.wipe(key);
        }
    }

    private static int checkedInt(long value) {
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a parameter is out of range");
        }
        return (int) value;
    }
}
