package io.portcullis.audit.internal.api;

import io.portcullis.web.Caller;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An authenticated caller: a member of one workspace, or the platform administrator (no workspace).
 * The web layer checks the route's permission before the handler runs; what the handlers themselves
 * rely on is the caller's workspace.
 */
record FakeCaller(@Nullable String workspace) implements Caller {

    static FakeCaller platform() {
        return new FakeCaller(null);
    }

    @Override
    public String id() {
        return "caller-of-" + workspace;
    }

    @Override
    public Optional<String> workspaceId() {
        return Optional.ofNullable(workspace);
    }

    @Override
    public String rateClass() {
        return workspace == null ? "platform" : "owner";
    }

    @Override
    public boolean isPermitted(String permission) {
        return permission.startsWith(workspace == null ? "platform:" : "workspace:" + workspace + ":");
    }
}
