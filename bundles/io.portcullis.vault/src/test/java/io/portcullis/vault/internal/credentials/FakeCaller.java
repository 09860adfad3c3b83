package io.portcullis.vault.internal.credentials;

import io.portcullis.web.Caller;
import java.util.Optional;

/**
 * An authenticated member of one workspace. The web layer checks the route's permission before the
 * handler runs; what the handlers themselves rely on is the caller's workspace.
 */
record FakeCaller(String workspace) implements Caller {

    @Override
    public String id() {
        return "caller-of-" + workspace;
    }

    @Override
    public String kind() {
        return "api_key";
    }

    @Override
    public Optional<String> workspaceId() {
        return Optional.of(workspace);
    }

    @Override
    public String rateClass() {
        return "owner";
    }

    @Override
    public boolean isPermitted(String permission) {
        return permission.startsWith("workspace:" + workspace + ":");
    }
}
