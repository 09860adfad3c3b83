package io.portcullis.hosts;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@code GET /api/v1/plugins/{id}} shows of a plugin's host.
 *
 * @param isolation the isolation it runs under
 * @param state where the host is
 * @param pid the host's process id on this machine while it runs
 * @param restarts how many times it was restarted after a failure since the grant or the server's start
 * @param lastError what went wrong last (redacted, names no secret), or {@code null}
 * @param lastErrorAt when
 * @param startedAt when the running host became ready
 * @param rssBytes the host's resident memory, 0 when not running
 * @param services what the host registered, as {@code kind:name} ({@code tool:http.fetch})
 */
public record HostStatus(
        Isolation isolation,
        State state,
        @Nullable Long pid,
        int restarts,
        @Nullable String lastError,
        @Nullable Instant lastErrorAt,
        @Nullable Instant startedAt,
        long rssBytes,
        List<String> services) {

    public HostStatus {
        services = List.copyOf(services);
    }

    /** Where a host is in its life. */
    public enum State {
        STARTING,
        RUNNING,
        /** Failed and waiting for its next start (backoff). */
        RESTARTING,
        /** Could not start, or failed too often: needs the admin (a new grant, or the machine fixed). */
        FAILED,
        STOPPED
    }
}
