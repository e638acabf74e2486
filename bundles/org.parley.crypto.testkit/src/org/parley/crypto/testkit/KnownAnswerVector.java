package org.parley.crypto.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.Properties;

import org.parley.crypto.api.SchemeKeyPair;
import org.parley.crypto.api.SecretAccess;
import org.parley.crypto.api.SecretBytes;

/**
 * A fixed message that a scheme must keep opening, stored as a properties file of lower-case hex
 * values ({@code public_key}, {@code private_key}, {@code associated_data}, {@code plaintext},
 * {@code sealed}). Sealing is randomised, so a vector pins the layout and labels from the open side;
 * the files double as vectors for implementations in other languages. Their keys are published test
 * keys and protect nothing.
 */
public record KnownAnswerVector(String scheme, byte[] publicKey, byte[] privateKey, byte[] associatedData,
        byte[] plaintext, byte[] sealed) {

    /** Loads {@code resource} relative to {@code anchor}'s package. */
    public static KnownAnswerVector load(Class<?> anchor, String resource) {
        Properties properties = new Properties();
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test vector " + resource);
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HexFormat hex = HexFormat.of();
        return new KnownAnswerVector(properties.getProperty("scheme"),
                hex.parseHex(properties.getProperty("public_key")),
                hex.parseHex(properties.getProperty("private_key")),
                hex.parseHex(properties.getProperty("associated_data")),
                hex.parseHex(properties.getProperty("plaintext")),
                hex.parseHex(properties.getProperty("sealed")));
    }

    public SchemeKeyPair keyPair() {
        return new SchemeKeyPair(publicKey, SecretBytes.copyFrom(privateKey, SecretAccess.get()));
    }
}
