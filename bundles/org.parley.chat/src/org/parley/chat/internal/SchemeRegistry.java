package org.parley.chat.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.SchemeInfo;

/**
 * The installed {@link CryptoScheme}s; schemes may be added and removed at any time (OSGi services
 * coming and going). Order: the default scheme {@value #DEFAULT_SCHEME_ID} first, then by id.
 *
 * <h3>Threading</h3>
 * Safe for concurrent use; readers see a consistent snapshot.
 */
public final class SchemeRegistry {

    /** The default scheme (DESIGN.md §1). */
    public static final String DEFAULT_SCHEME_ID = "rsa-oaep-aes-gcm";

    private static final Comparator<CryptoScheme> ORDER = Comparator
            .comparing((CryptoScheme s) -> !DEFAULT_SCHEME_ID.equals(s.info().id()))
            .thenComparing(s -> s.info().id());

    private final List<CryptoScheme> schemes = new CopyOnWriteArrayList<>();

    /** A registry holding {@code initial}. */
    public static SchemeRegistry of(CryptoScheme... initial) {
        SchemeRegistry registry = new SchemeRegistry();
        for (CryptoScheme scheme : initial) {
            registry.add(scheme);
        }
        return registry;
    }

    public void add(CryptoScheme scheme) {
        schemes.add(Objects.requireNonNull(scheme, "scheme"));
    }

    /** Removes this very instance (not another one with the same id). */
    public void remove(CryptoScheme scheme) {
        schemes.removeIf(s -> s == scheme);
    }

    /** The first installed scheme with {@code id}. */
    public Optional<CryptoScheme> find(String id) {
        return list().stream().filter(s -> s.info().id().equals(id)).findFirst();
    }

    /** Installed schemes, one per id, default first. */
    public List<CryptoScheme> list() {
        List<CryptoScheme> sorted = new ArrayList<>(schemes);
        sorted.sort(ORDER);
        List<CryptoScheme> unique = new ArrayList<>();
        for (CryptoScheme s : sorted) {
            if (unique.stream().noneMatch(u -> u.info().id().equals(s.info().id()))) {
                unique.add(s);
            }
        }
        return unique;
    }

    public List<SchemeInfo> infos() {
        return list().stream().map(CryptoScheme::info).collect(Collectors.toList());
    }
}
