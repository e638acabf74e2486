package org.parley.chat.internal;

import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;

import org.parley.crypto.api.CryptoScheme;
import org.parley.crypto.api.SchemeKeyPair;

/**
 * The local user's encryption key pairs, one per scheme id, generated in the background once per client
 * instance. A generation that fails is forgotten, so the next connect tries again.
 *
 * <h3>Security guarantees</h3>
 * Key pairs live in memory only and are never logged or printed ({@link SchemeKeyPair#toString} hides
 * the private key).
 */
final class KeyRing {

    private final ConcurrentMap<String, CompletableFuture<SchemeKeyPair>> pairs = new ConcurrentHashMap<>();

    /**
     * Key pairs for {@code schemes}, generating the missing ones on {@code executor}.
     *
     * @return completes with scheme id → key pair for every scheme whose key pair could be made
     */
    CompletableFuture<Map<String, SchemeKeyPair>> ensure(List<CryptoScheme> schemes, Executor executor) {
        Map<String, CompletableFuture<SchemeKeyPair>> wanted = new LinkedHashMap<>();
        for (CryptoScheme scheme : schemes) {
            String id = scheme.info().id();
            wanted.put(id, pairs.computeIfAbsent(id, k -> CompletableFuture.supplyAsync(() -> generate(scheme), executor)));
        }
        CompletableFuture<?>[] settled = wanted.values().stream().map(f -> f.handle((pair, e) -> null))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(settled).thenApply(done -> {
            Map<String, SchemeKeyPair> ready = new LinkedHashMap<>();
            wanted.forEach((id, future) -> {
                if (future.isCompletedExceptionally()) {
                    pairs.remove(id, future);
                } else {
                    ready.put(id, future.join());
                }
            });
            return ready;
        });
    }

    private static SchemeKeyPair generate(CryptoScheme scheme) {
        try {
            return scheme.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new CompletionException(e);
        }
    }
}
