package io.portcullis.vault.internal.keys;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The master keys in use: the current one wraps new data keys; every key held here unwraps the data
 * keys stored under its id. A rotation adds the new key and makes it current, then retires the old one
 * once no row is wrapped under it. Thread-safe.
 */
final class Keyring {

    private final ConcurrentHashMap<String, MasterKey> byId = new ConcurrentHashMap<>();
    private volatile MasterKey current;

    Keyring(MasterKey current, Collection<MasterKey> previous) {
        this.current = current;
        byId.put(current.id(), current);
        previous.forEach(key -> byId.put(key.id(), key));
    }

    static Keyring of(LoadedKeys keys) {
        return new Keyring(keys.current(), keys.previous());
    }

    MasterKey current() {
        return current;
    }

    Optional<MasterKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    Set<String> ids() {
        return Set.copyOf(byId.keySet());
    }

    /** Accepts {@code next} and wraps new data keys under it from now on. */
    void promote(MasterKey next) {
        byId.put(next.id(), next);
        current = next;
    }

    /** Forgets every key but the current one. */
    void retireAllButCurrent() {
        MasterKey keep = current;
        byId.keySet().removeIf(id -> !id.equals(keep.id()));
    }
}
