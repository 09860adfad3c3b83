package io.portcullis.egress;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who sends, for whom, until when, under which workspace rules: fixed by the tool invoker for one
 * call, never by the plugin.
 *
 * @param workspaceId the workspace the call acts for (credentials are looked up in it)
 * @param pluginId    the calling plugin's symbolic name (its grants are checked on every send)
 * @param deadline    when the call's time is up; no request outlives it
 * @param rules       the workspace's host lists and intranet CIDRs
 * @param requestId   the API request the call belongs to, named by the records of its credential uses;
 *     null outside a request
 */
public record CallScope(
        String workspaceId,
        String pluginId,
        Instant deadline,
        EgressRules rules,
        @Nullable String requestId) {

    /** A scope outside any API request. */
    public CallScope(String workspaceId, String pluginId, Instant deadline, EgressRules rules) {
        this(workspaceId, pluginId, deadline, rules, null);
    }

    public CallScope {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(rules, "rules");
    }
}
