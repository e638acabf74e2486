package org.parley.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Trust on first use for identity keys (PROTOCOL.md §4.6): user name → pinned identity key (SPKI) and
 * whether the local user verified it. Persisted as a text file in the data directory, one line per
 * user: {@code user SP base64(SPKI) SP trusted|verified}, after a {@code #} header line; written
 * atomically with owner-only permissions.
 *
 * <h3>Security guarantees</h3>
 * {@link #check} pins only the first key it sees for a user; any other key afterwards is reported
 * {@link TrustState#CHANGED} and never replaces the pin except through {@link #accept}, which also
 * resets verification.
 *
 * <h3>Threading</h3>
 * Thread-safe; methods that change pins write the file (small, blocking).
 */
public final class TrustStore {

    /** The file name in the data directory. */
    public static final String FILE_NAME = "identity-pins.txt";

    private static final String HEADER = "# Parley identity key pins, format 1: user base64(SPKI) trusted|verified";
    private static final int MAX_FILE_BYTES = 4 << 20;

    private record Pin(byte[] key, boolean verified) {
    }

    private final Path file; // null: in memory only
    private Map<String, Pin> pins;

    /** Pins kept in {@code file}. */
    public TrustStore(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    private TrustStore() {
        this.file = null;
        this.pins = new TreeMap<>();
    }

    /** Pins kept in memory only (tests, throwaway clients). */
    public static TrustStore inMemory() {
        return new TrustStore();
    }

    /**
     * The trust state of {@code identityKey} for {@code user}; pins it if the user has no pin yet.
     *
     * @return TRUSTED or VERIFIED if it is the pinned key (or was just pinned), CHANGED otherwise
     */
    public synchronized TrustState check(String user, byte[] identityKey) throws IOException {
        Pin pin = pins().get(user);
        if (pin == null) {
            pins.put(user, new Pin(identityKey.clone(), false));
            save();
            return TrustState.TRUSTED;
        }
        if (!MessageDigest.isEqual(pin.key(), identityKey)) {
            return TrustState.CHANGED;
        }
        return pin.verified() ? TrustState.VERIFIED : TrustState.TRUSTED;
    }

    /** The pinned identity key of {@code user}. */
    public synchronized Optional<byte[]> pinned(String user) throws IOException {
        Pin pin = pins().get(user);
        return pin == null ? Optional.empty() : Optional.of(pin.key().clone());
    }

    /** Pins {@code identityKey} for {@code user} (replacing a pin), not verified. */
    public synchronized void accept(String user, byte[] identityKey) throws IOException {
        pins().put(user, new Pin(identityKey.clone(), false));
        save();
    }

    /**
     * Marks the pinned key of {@code user} verified or not.
     *
     * @throws IllegalStateException if {@code user} has no pin
     */
    public synchronized void setVerified(String user, boolean verified) throws IOException {
        Pin pin = pins().get(user);
        if (pin == null) {
            throw new IllegalStateException("no identity key is pinned for " + user);
        }
        pins.put(user, new Pin(pin.key(), verified));
        save();
    }

    private Map<String, Pin> pins() throws IOException {
        if (pins == null) {
            pins = load();
        }
        return pins;
    }

    private Map<String, Pin> load() throws IOException {
        Map<String, Pin> loaded = new TreeMap<>();
        if (!Files.exists(file)) {
            return loaded;
        }
        String text = new String(SecureFiles.read(file, MAX_FILE_BYTES), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split(" ");
            try {
                if (parts.length != 3 || !IdentityFile.isUser(parts[0])
                        || !(parts[2].equals("trusted") || parts[2].equals("verified"))) {
                    throw new IllegalArgumentException("expected: user base64(key) trusted|verified");
                }
                byte[] key = Base64.getDecoder().decode(parts[1]);
                Ed25519.rawPublicKey(key);
                loaded.put(parts[0], new Pin(key, parts[2].equals("verified")));
            } catch (IllegalArgumentException | GeneralSecurityException e) {
                // refusing the whole file is safer than silently re-pinning whoever is on a bad line
                throw new IOException("The identity pin file " + file + " is damaged (" + e.getMessage()
                        + "); fix or remove the line for " + parts[0], e);
            }
        }
        return loaded;
    }

    private void save() throws IOException {
        if (file == null) {
            return;
        }
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        pins.forEach((user, pin) -> out.append(user).append(' ').append(Base64.getEncoder().encodeToString(pin.key()))
                .append(' ').append(pin.verified() ? "verified" : "trusted").append('\n'));
        SecureFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }
}
