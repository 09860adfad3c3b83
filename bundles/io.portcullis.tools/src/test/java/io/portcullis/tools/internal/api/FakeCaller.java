package io.portcullis.tools.internal.api;

import io.portcullis.web.Caller;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An authenticated caller. The web layer checks each route's permission before the handler runs (the
 * route table test pins the permissions); what handlers rely on is the caller's workspace.
 */
record FakeCaller(String id, @Nullable String workspace) implements Caller {

    @Override
    public Optional<String> workspaceId() {
        return Optional.ofNullable(workspace);
    }

    @Override
    public String rateClass() {
        return "operator";
    }

    @Override
    public boolean isPermitted(String permission) {
        return true;
    }

    @Override
    public String kind() {
        return "member";
    }
}
