package io.portcullis.vault.internal.keys;

import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.util.List;
import java.util.Map;

/** The platform administrator's master-key rotation: start it (202 with the progress) and follow it. */
final class RotationRoutes implements RouteProvider {

    static final String PATH = "/api/v1/vault/master-key/rotation";
    static final String READ = "platform:vault:read";
    static final String WRITE = "platform:vault:write";

    private final MasterKeyRotation rotation;

    RotationRoutes(MasterKeyRotation rotation) {
        this.rotation = rotation;
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post(PATH, this::start)
                        .requires(WRITE)
                        .summary("Start re-encrypting every secret under a new master key")
                        .response(RotationProgress.class)
                        .status(202)
                        .problems(409),
                Route.get(PATH, this::progress)
                        .requires(READ)
                        .summary("Progress of the master key rotation")
                        .response(RotationProgress.class));
    }

    ApiResponse start(ApiRequest request) {
        return new ApiResponse(202, rotation.begin(), Map.of());
    }

    ApiResponse progress(ApiRequest request) {
        return ApiResponse.ok(rotation.progress());
    }
}
