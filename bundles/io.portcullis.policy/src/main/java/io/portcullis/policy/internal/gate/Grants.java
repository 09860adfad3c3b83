package io.portcullis.policy.internal.gate;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The scopes each plugin bundle may resolve and run with right now, by bundle id: present only while
 * an unrevoked grant covers the bundle's current jar. The hooks read it on every resolve, service
 * lookup and class definition; the plugin manager writes it before it resolves and after it revokes.
 */
public final class Grants {

    private final Map<Long, Set<String>> byBundle = new ConcurrentHashMap<>();

    /** The granted scopes of plugin bundle {@code bundleId}, or null when it holds no live grant. */
    public @Nullable Set<String> of(long bundleId) {
        return byBundle.get(bundleId);
    }

    public boolean granted(long bundleId) {
        return byBundle.containsKey(bundleId);
    }

    /** The bundles holding a live grant. */
    public Set<Long> bundleIds() {
        return Set.copyOf(byBundle.keySet());
    }

    public void put(long bundleId, Set<String> scopes) {
        byBundle.put(bundleId, Set.copyOf(scopes));
    }

    public void remove(long bundleId) {
        byBundle.remove(bundleId);
    }
}
