package org.parley.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The latest verified key bundle of every contact, so that a client can seal messages for a contact
 * who is offline (the relay stores them) and verify a stored message from a sender who is offline.
 *
 * <p>Persisted next to the {@link TrustStore} pins as a text file, one line per user:
 * {@code user SP created-ms SP base64(identity SPKI) SP base64(signature) (SP scheme=base64(key))+},
 * after a {@code #} header line; written atomically with owner-only permissions.
 *
 * <h3>Security guarantees</h3>
 * Holds only bundles whose signature verifies (checked again on {@link #remember} and on loading), and
 * nothing secret. It does <em>not</em> decide trust: callers remember a bundle only after its identity
 * key matched the pin ({@link TrustStore}), and check the pin again before using a remembered bundle,
 * so a damaged or edited file cannot introduce a key the user did not trust. For a user already
 * remembered with the same identity key, an older bundle (smaller {@code created}) never replaces a
 * newer one, so a relay cannot roll a contact back to old encryption keys.
 *
 * <h3>Threading</h3>
 * Thread-safe; {@link #remember} writes the file (small, blocking).
 */
public final class ContactBook {

    /** The file name in the data directory. */
    public static final String FILE_NAME = "contact-bundles.txt";

    /** At most this many contacts are remembered; others still work while online. */
    public static final int MAX_CONTACTS = 2000;

    private static final String HEADER = "# Parley contact key bundles, format 1: user created-ms base64(identity) "
            + "base64(sig) scheme=base64(key)...";
    private static final int MAX_FILE_BYTES = 16 << 20;
    private static final int MAX_KEYS = 16;
    private static final int MAX_KEY_BYTES = 4096;
    private static final Pattern SCHEME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Path file; // null: in memory only
    private Map<String, SignedKeyBundle> bundles;

    /** Bundles kept in {@code file}. */
    public ContactBook(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    private ContactBook() {
        this.file = null;
        this.bundles = new TreeMap<>();
    }

    /** Bundles kept in memory only (tests, throwaway clients). */
    public static ContactBook inMemory() {
        return new ContactBook();
    }

    /**
     * Remembers {@code bundle} as its user's latest, unless a newer one with the same identity key is
     * remembered already or the book is full.
     *
     * @return whether the book changed
     * @throws GeneralSecurityException if the bundle's signature does not verify
     */
    public synchronized boolean remember(SignedKeyBundle bundle) throws IOException, GeneralSecurityException {
        bundle.verify();
        SignedKeyBundle before = bundles().get(bundle.user());
        if (before != null && MessageDigest.isEqual(before.identityKey(), bundle.identityKey())
                && (before.created() > bundle.created() || (before.created() == bundle.created()
                        && MessageDigest.isEqual(before.signature(), bundle.signature())))) {
            return false;
        }
        if (before == null && bundles.size() >= MAX_CONTACTS) {
            return false;
        }
        bundles.put(bundle.user(), bundle);
        try {
            save();
        } catch (IOException e) {
            if (before == null) { // memory and file stay the same
                bundles.remove(bundle.user());
            } else {
                bundles.put(bundle.user(), before);
            }
            throw e;
        }
        return true;
    }

    /** The remembered bundle of {@code user}. */
    public synchronized Optional<SignedKeyBundle> get(String user) throws IOException {
        return Optional.ofNullable(bundles().get(user));
    }

    /** Every remembered bundle, sorted by user name. */
    public synchronized List<SignedKeyBundle> all() throws IOException {
        return new ArrayList<>(bundles().values());
    }

    private Map<String, SignedKeyBundle> bundles() throws IOException {
        if (bundles == null) {
            bundles = load();
        }
        return bundles;
    }

    private Map<String, SignedKeyBundle> load() throws IOException {
        Map<String, SignedKeyBundle> loaded = new TreeMap<>();
        if (!Files.exists(file)) {
            return loaded;
        }
        String text = new String(SecureFiles.read(file, MAX_FILE_BYTES), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            SignedKeyBundle bundle = parse(line.trim());
            if (loaded.size() < MAX_CONTACTS) {
                loaded.put(bundle.user(), bundle);
            }
        }
        return loaded;
    }

    private SignedKeyBundle parse(String line) throws IOException {
        String[] parts = line.split(" ");
        try {
            if (parts.length < 5 || parts.length > 4 + MAX_KEYS || !IdentityFile.isUser(parts[0])) {
                throw new IllegalArgumentException("expected: user created base64(identity) base64(sig) scheme=key...");
            }
            Base64.Decoder b64 = Base64.getDecoder();
            Map<String, byte[]> keys = new TreeMap<>();
            for (int i = 4; i < parts.length; i++) {
                int eq = parts[i].indexOf('=');
                String scheme = eq < 0 ? "" : parts[i].substring(0, eq);
                byte[] key = b64.decode(parts[i].substring(eq + 1));
                if (!SCHEME.matcher(scheme).matches() || key.length == 0 || key.length > MAX_KEY_BYTES
                        || keys.put(scheme, key) != null) {
                    throw new IllegalArgumentException("a bad scheme key");
                }
            }
            SignedKeyBundle bundle = new SignedKeyBundle(parts[0], b64.decode(parts[2]), new TreeMap<>(keys),
                    Long.parseLong(parts[1]), b64.decode(parts[3]));
            bundle.verify();
            return bundle;
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException("The contact file " + file + " is damaged (" + e.getMessage() + "); fix or "
                    + "remove the line for " + parts[0], e);
        }
    }

    private void save() throws IOException {
        if (file == null) {
            return;
        }
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (SignedKeyBundle b : bundles.values()) {
            out.append(b.user()).append(' ').append(b.created()).append(' ').append(b64.encodeToString(b.identityKey()))
                    .append(' ').append(b64.encodeToString(b.signature()));
            b.keys().forEach((scheme, key) -> out.append(' ').append(scheme).append('=').append(b64.encodeToString(key)));
            out.append('\n');
        }
        SecureFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
