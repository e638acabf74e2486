package org.parley.relay;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.parley.relay.auth.SignedBytes;
import org.parley.relay.protocol.KeyBundle;

/**
 * Test helper: an Ed25519 identity (Bouncy Castle) that builds signed key bundles and answers
 * challenges the way a client must (PROTOCOL.md §4.1, §4.2).
 */
public final class TestIdentity {
    /** A published encryption key; the relay only checks that it is base64 of 1–4096 bytes. */
    public static final String KEY = "QUJDRA==";
    public static final long CREATED = 1795000000000L;
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Ed25519PrivateKeyParameters key;

    private TestIdentity(Ed25519PrivateKeyParameters key) {
        this.key = key;
    }

    /** A fresh random identity. */
    public static TestIdentity generate() {
        return new TestIdentity(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** A reproducible identity for seeded tests. */
    public static TestIdentity fromSeed(long seed) {
        byte[] raw = new byte[32];
        new Random(seed).nextBytes(raw);
        return new TestIdentity(new Ed25519PrivateKeyParameters(raw, 0));
    }

    /** The identity key as X.509 SPKI DER, base64. */
    public String identity() {
        byte[] spki = new byte[44];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, 12);
        key.generatePublicKey().encode(spki, 12);
        return Base64.getEncoder().encodeToString(spki);
    }

    /** A bundle for {@code user} with one key, signed by this identity. */
    public KeyBundle bundle(String user) {
        KeyBundle unsigned = new KeyBundle(identity(), Map.of("rsa-oaep-aes-gcm", KEY), CREATED, "");
        return new KeyBundle(unsigned.identity(), unsigned.keys(), CREATED, sign(SignedBytes.bundle(user, unsigned)));
    }

    /** The bundle as the JSON object a client sends. */
    public static String json(KeyBundle b) {
        StringBuilder keys = new StringBuilder();
        b.keys().forEach((k, v) -> keys.append(keys.length() == 0 ? "" : ",").append('"').append(k).append("\":\"")
                .append(v).append('"'));
        return "{\"identity\":\"" + b.identity() + "\",\"keys\":{" + keys + "},\"created\":" + b.created()
                + ",\"sig\":\"" + b.sig() + "\"}";
    }

    /** A complete {@code hello} frame. */
    public String hello(String id, String user) {
        return hello(id, user, true);
    }

    /** A complete {@code hello}; {@code presence=false} adds {@code "presence":false}. */
    public String hello(String id, String user, boolean presence) {
        return "{\"type\":\"hello\",\"v\":2,\"id\":\"" + id + "\",\"user\":\"" + user + "\","
                + (presence ? "" : "\"presence\":false,") + "\"bundle\":" + json(bundle(user)) + "}";
    }

    /** The signature over AUTH for {@code nonce} (base64) and the relay {@code fingerprint}, base64. */
    public String answer(String user, String nonce, String fingerprint) {
        return sign(SignedBytes.auth(user, Base64.getDecoder().decode(nonce), fingerprint));
    }

    /** A complete {@code auth} frame. */
    public static String auth(String id, String sig) {
        return "{\"type\":\"auth\",\"v\":2,\"id\":\"" + id + "\",\"sig\":\"" + sig + "\"}";
    }

    /** Ed25519 signature over {@code message}, base64. */
    public String sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return Base64.getEncoder().encodeToString(signer.generateSignature());
    }
}
