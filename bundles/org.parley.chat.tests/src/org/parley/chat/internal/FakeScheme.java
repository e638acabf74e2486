package org.parley.chat.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.OpenRequest;
import org.parley.crypto.api.Recipient;
import org.parley.crypto.api.SchemeInfo;
import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SchemeState;
import org.parley.crypto.api.SealRequest;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;

/**
 * A deliberately insecure scheme for tests: "encrypts" by XOR with a constant and authenticates with
 * SHA-256(associated data || plaintext). Opens only bodies that list the local public key.
 * Body: count byte, count × 16-byte public keys, 32-byte tag, masked plaintext.
 */
final class FakeScheme implements CryptoScheme {

    private static final int KEY = 16;
    private final SchemeInfo info;
    final AtomicInteger generated = new AtomicInteger();
    final List<SealRequest> sealed = new ArrayList<>();

    FakeScheme(String id) {
        this.info = new SchemeInfo(id, "Fake " + id);
    }

    @Override
    public SchemeInfo info() {
        return info;
    }

    @Override
    public SchemeKeyPair generateKeyPair() {
        generated.incrementAndGet();
        byte[] key = new byte[KEY];
        new SecureRandom().nextBytes(key);
        return new SchemeKeyPair(key, SecretBytes.copyFrom(key, SecretAccess.get()));
    }

    @Override
    public synchronized byte[] seal(SealRequest request, SchemeState state) throws GeneralSecurityException {
        sealed.add(request);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(request.recipients().size());
        for (Recipient r : request.recipients()) {
            out.writeBytes(r.publicKey());
        }
        out.writeBytes(tag(request.associatedData(), request.plaintext()));
        out.writeBytes(mask(request.plaintext()));
        return out.toByteArray();
    }

    @Override
    public byte[] open(OpenRequest request, SchemeState state) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(request.sealed());
        try {
            int count = in.get() & 0xff;
            boolean forMe = false;
            for (int i = 0; i < count; i++) {
                byte[] key = new byte[KEY];
                in.get(key);
                forMe |= Arrays.equals(key, request.localKeyPair().publicKey());
            }
            if (!forMe) {
                throw new GeneralSecurityException("not sealed for this key");
            }
            byte[] tag = new byte[32];
            in.get(tag);
            byte[] rest = new byte[in.remaining()];
            in.get(rest);
            byte[] plaintext = mask(rest);
            if (!MessageDigest.isEqual(tag, tag(request.associatedData(), plaintext))) {
                throw new GeneralSecurityException("authentication failed");
            }
            return plaintext;
        } catch (java.nio.BufferUnderflowException e) {
            throw new GeneralSecurityException("truncated");
        }
    }

    synchronized SealRequest lastSeal() {
        return sealed.get(sealed.size() - 1);
    }

    /** Seals as a remote sender would, for {@code recipientKey}. */
    byte[] sealFor(byte[] recipientKey, byte[] ad, byte[] plaintext) throws GeneralSecurityException {
        return seal(new SealRequest(plaintext, List.of(new Recipient("me", recipientKey)), ad), SchemeState.NONE);
    }

    private static byte[] mask(byte[] data) {
        byte[] out = data.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] ^= 0x5A;
        }
        return out;
    }

    private static byte[] tag(byte[] ad, byte[] plaintext) throws GeneralSecurityException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(ad);
        return sha.digest(plaintext);
    }
}
