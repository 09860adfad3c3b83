package io.portcullis.web.internal;

import io.portcullis.web.Authenticator;
import io.portcullis.web.Caller;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered {@link Authenticator} services, highest service ranking first (then lowest service
 * id, as OSGi orders services). Copy-on-write: requests read a snapshot without locking.
 */
final class Authenticators {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticators.class);

    private record Entry(Object owner, String name, int ranking, long serviceId, Authenticator authenticator) {}

    private static final Comparator<Entry> ORDER =
            Comparator.comparingInt(Entry::ranking).reversed().thenComparingLong(Entry::serviceId);

    private volatile List<Entry> entries = List.of();

    /** Adds {@code authenticator}, or re-ranks it if {@code owner} is already registered. */
    synchronized void add(Object owner, String name, int ranking, long serviceId, Authenticator authenticator) {
        List<Entry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.owner.equals(owner));
        next.add(new Entry(owner, name, ranking, serviceId, authenticator));
        next.sort(ORDER);
        entries = List.copyOf(next);
    }

    synchronized void remove(Object owner) {
        entries = entries.stream().filter(e -> !e.owner.equals(owner)).toList();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /**
     * The first caller any authenticator finds for {@code credential}. An authenticator that throws,
     * or answers something unusable, counts as "no"; the log line names it, never the credential.
     */
    Optional<Caller> authenticate(String credential, @Nullable String routeWorkspace) {
        for (Entry entry : entries) {
            Caller caller = ask(entry, credential, routeWorkspace);
            if (caller != null) {
                return Optional.of(caller);
            }
        }
        return Optional.empty();
    }

    private static @Nullable Caller ask(Entry entry, String credential, @Nullable String routeWorkspace) {
        try {
            Optional<Caller> answer = entry.authenticator.authenticate(credential, routeWorkspace);
            if (answer == null || answer.isEmpty()) {
                return null;
            }
            Caller caller = answer.get();
            if (!usable(caller)) {
                LOG.warn("Authenticator {} answered a caller without id, workspace or rate class; ignored", entry.name);
                return null;
            }
            return caller;
        } catch (RuntimeException e) {
            // The exception's message could quote the credential: log its type only.
            LOG.warn(
                    "Authenticator {} failed with {}; counted as no answer",
                    entry.name,
                    e.getClass().getName());
            return null;
        }
    }

    private static boolean usable(Caller caller) {
        String id = caller.id();
        return id != null && !id.isBlank() && caller.workspaceId() != null && caller.rateClass() != null;
    }
}
