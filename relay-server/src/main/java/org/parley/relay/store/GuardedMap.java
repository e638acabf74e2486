package org.parley.relay.store;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * A {@link ConcurrentMap} whose single-key operations run while holding a shared lock, so that whoever
 * holds the matching exclusive lock runs alone. Why: MVStore 2.4.240 has a data race between chunk
 * rewriting ({@code MVStore.compact}) and concurrent map operations that makes either side fail with
 * "Position 0" (h2database pull request 4374; seen here under load as an {@code ack} failing and its
 * connection being closed). {@link MvStoreMessageStore} therefore compacts under the exclusive lock and
 * hands its maps to the queue logic wrapped in this class.
 *
 * <p>The collection views ({@link #keySet}, {@link #values}, {@link #entrySet}) are the delegate's,
 * unguarded; the store does not use them. Threading: as thread-safe as the delegate.
 */
final class GuardedMap<K, V> implements ConcurrentMap<K, V> {
    private final ConcurrentMap<K, V> map;
    private final Lock shared;

    GuardedMap(ConcurrentMap<K, V> map, Lock shared) {
        this.map = map;
        this.shared = shared;
    }

    private <T> T guarded(Supplier<T> operation) {
        shared.lock();
        try {
            return operation.get();
        } finally {
            shared.unlock();
        }
    }

    @Override public V get(Object key) { return guarded(() -> map.get(key)); }
    @Override public V put(K key, V value) { return guarded(() -> map.put(key, value)); }
    @Override public V remove(Object key) { return guarded(() -> map.remove(key)); }
    @Override public boolean remove(Object key, Object value) { return guarded(() -> map.remove(key, value)); }
    @Override public boolean replace(K key, V oldValue, V newValue) { return guarded(() -> map.replace(key, oldValue, newValue)); }
    @Override public V replace(K key, V value) { return guarded(() -> map.replace(key, value)); }
    @Override public V putIfAbsent(K key, V value) { return guarded(() -> map.putIfAbsent(key, value)); }
    @Override public boolean containsKey(Object key) { return guarded(() -> map.containsKey(key)); }
    @Override public boolean containsValue(Object value) { return guarded(() -> map.containsValue(value)); }
    @Override public int size() { return guarded(map::size); }
    @Override public boolean isEmpty() { return guarded(map::isEmpty); }
    @Override public void putAll(Map<? extends K, ? extends V> m) { guarded(() -> { map.putAll(m); return null; }); }
    @Override public void clear() { guarded(() -> { map.clear(); return null; }); }
    @Override public Set<K> keySet() { return map.keySet(); }
    @Override public Collection<V> values() { return map.values(); }
    @Override public Set<Entry<K, V>> entrySet() { return map.entrySet(); }
}
