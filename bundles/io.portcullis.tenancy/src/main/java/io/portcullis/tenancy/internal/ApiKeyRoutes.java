package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** A workspace's API keys: create (the full key shown once), list, read, rotate, revoke. */
@Component(service = RouteProvider.class, configurationPid = TenancyConfig.PID)
@Designate(ocd = TenancyConfig.class)
public final class ApiKeyRoutes implements RouteProvider {

    static final String BASE = "/api/v1/workspaces/{ws}/api-keys";
    static final String READ = "workspace:{ws}:api-keys:read";
    static final String WRITE = "workspace:{ws}:api-keys:write";

    private final ApiKeyStore keys;
    private final Duration grace;

    @Activate
    public ApiKeyRoutes(
            TenancyConfig config, @Reference(target = "(portcullis.schema=tenancy)") Database database) {
        this(new ApiKeyStore(database, Clock.systemUTC()), grace(config.rotationGraceHours()));
    }

    ApiKeyRoutes(ApiKeyStore keys, Duration grace) {
        this.keys = keys;
        this.grace = grace;
    }

    static Duration grace(int hours) {
        if (hours < 0 || hours > TenancyConfig.MAX_GRACE_HOURS) {
            throw new IllegalArgumentException("rotationGraceHours of " + TenancyConfig.PID + " must be 0.."
                    + TenancyConfig.MAX_GRACE_HOURS + ", was " + hours);
        }
        return Duration.ofHours(hours);
    }

    @Override
    public List<Route> routes() {
        return List.of(
                Route.post(BASE, this::create).requires(WRITE),
                Route.get(BASE, this::list).requires(READ),
                Route.get(BASE + "/{id}", this::get).requires(READ),
                Route.post(BASE + "/{id}/rotate", this::rotate).requires(WRITE),
                Route.delete(BASE + "/{id}", this::revoke).requires(WRITE));
    }

    ApiResponse create(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Bodies.NewApiKey body = request.body(Bodies.NewApiKey.class);
        Records.NewKey created = keys.create(workspaceId, Callers.role(request),
                new ApiKeyStore.Spec(body.name(), body.role(), body.expiresAt(), body.memberId()));
        return ApiResponse.created(Views.ApiKey.created(created), location(workspaceId, created));
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        return ApiResponse.ok(keys.list(request.callerWorkspace(), PageRequest.of(request, Ids::valid)).map(Views.ApiKey::of));
    }

    ApiResponse get(ApiRequest request) throws SQLException {
        return ApiResponse.ok(keys.find(request.callerWorkspace(), Callers.id(request, "id"))
                .map(Views.ApiKey::of)
                .orElseThrow(ProblemException::notFound));
    }

    ApiResponse rotate(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Records.NewKey created = keys.rotate(workspaceId, Callers.id(request, "id"), Callers.role(request), grace);
        return ApiResponse.created(Views.ApiKey.created(created), location(workspaceId, created));
    }

    ApiResponse revoke(ApiRequest request) throws SQLException {
        keys.revoke(request.callerWorkspace(), Callers.id(request, "id"), Callers.role(request));
        return ApiResponse.noContent();
    }

    private static String location(String workspaceId, Records.NewKey created) {
        return "/api/v1/workspaces/" + workspaceId + "/api-keys/" + created.key().id();
    }
}
