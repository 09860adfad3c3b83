package io.portcullis.web.internal;

import io.portcullis.web.AuditedRequest;
import io.portcullis.web.RequestAudit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The registered {@link RequestAudit} services. Copy-on-write: requests read a snapshot without
 * locking, so a service that comes or goes mid-request changes only the next request.
 */
final class RequestAudits {

    private record Entry(Object owner, RequestAudit audit) {}

    private volatile List<Entry> entries = List.of();

    /** Adds {@code audit}, replacing the one {@code owner} registered before, if any. */
    synchronized void add(Object owner, RequestAudit audit) {
        List<Entry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.owner.equals(owner));
        next.add(new Entry(owner, audit));
        entries = List.copyOf(next);
    }

    synchronized void remove(Object owner) {
        entries = entries.stream().filter(e -> !e.owner.equals(owner)).toList();
    }

    /**
     * Gives {@code request} to every registered audit, even after one of them failed, so that one
     * broken recorder does not keep the others from recording.
     *
     * @return null when every audit recorded it, else the first failure (later ones suppressed in it)
     */
    @Nullable Exception record(AuditedRequest request) {
        Exception failure = null;
        for (Entry entry : entries) {
            try {
                entry.audit.record(request);
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else if (e != failure) {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
