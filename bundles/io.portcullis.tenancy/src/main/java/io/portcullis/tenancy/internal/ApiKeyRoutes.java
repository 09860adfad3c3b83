package io.portcullis.tenancy.internal;

import io.portcullis.audit.AuditLog;
import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.tenancy.Role;
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
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A workspace's API keys: create (the full key shown once), list, read, rotate, revoke. Every key acts as
 * one member: its maker's, or (an owner's act, recorded with the member's id) another member's. The list
 * shows each key's member and the role it acts with now. Every change is put on the record with its
 * outcome (see {@link AuditTrail}), by key id, never with the key.
 */
@Component(service = RouteProvider.class, configurationPid = TenancyConfig.PID)
@Designate(ocd = TenancyConfig.class)
public final class ApiKeyRoutes implements RouteProvider {

    static final String BASE = "/api/v1/workspaces/{ws}/api-keys";
    static final String READ = "workspace:{ws}:api-keys:read";
    static final String WRITE = "workspace:{ws}:api-keys:write";

    private final ApiKeyStore keys;
    private final Duration grace;
    private final AuditTrail trail;

    @Activate
    public ApiKeyRoutes(
            TenancyConfig config,
            @Reference(target = "(portcullis.schema=tenancy)") Database database,
            @Reference AuditLog audit) {
        this(new ApiKeyStore(database, Clock.systemUTC()), grace(config.rotationGraceHours()), audit);
    }

    ApiKeyRoutes(ApiKeyStore keys, Duration grace, AuditLog audit) {
        this.keys = keys;
        this.grace = grace;
        this.trail = new AuditTrail(audit);
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
                Route.post(BASE, this::create)
                        .requires(WRITE)
                        .summary("Create an API key (the key is shown once)")
                        .request(Bodies.NewApiKey.class)
                        .response(Views.ApiKey.class)
                        .status(201),
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List API keys")
                        .pageOf(Views.ApiKey.class),
                Route.get(BASE + "/{id}", this::get)
                        .requires(READ)
                        .summary("Read an API key's metadata")
                        .response(Views.ApiKey.class),
                Route.post(BASE + "/{id}/rotate", this::rotate)
                        .requires(WRITE)
                        .summary("Rotate an API key: a new key, the old one valid for a grace period")
                        .response(Views.ApiKey.class)
                        .status(201)
                        .problems(409),
                Route.delete(BASE + "/{id}", this::revoke).requires(WRITE).summary("Revoke an API key"));
    }

    /** The key's id is drawn first, so that the record names the key it creates (never the key itself). */
    ApiResponse create(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Bodies.NewApiKey body = request.body(Bodies.NewApiKey.class);
        request.requireNotSecret("name", body.name()); // shown in every key list and audit record
        String keyId = Ids.next();
        AuditTrail.Attempt attempt = attempt(
                request,
                workspaceId,
                "api_key.create",
                keyId,
                AuditArguments.of(
                        "name",
                        body.name(),
                        "role",
                        body.role().id(),
                        "expires_at",
                        body.expiresAt(),
                        "member_id",
                        body.memberId()));
        ApiKeyStore.Maker maker = trail.checked(
                attempt, () -> new ApiKeyStore.Maker(Callers.roleOf(request, body.role()), Callers.memberId(request)));
        if (body.memberId() != null && !body.memberId().equals(maker.memberId())) {
            attempt = attempt.noted("for_other_member", "key for member " + body.memberId());
        }
        AuditTrail.Attempt recorded = attempt;
        Records.NewKey created = trail.run(
                recorded,
                record -> keys.create(
                        workspaceId,
                        keyId,
                        maker,
                        new ApiKeyStore.Spec(body.name(), body.role(), body.expiresAt(), body.memberId()),
                        record));
        return ApiResponse.created(Views.ApiKey.created(created), location(workspaceId, created));
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        return ApiResponse.ok(keys.list(request.callerWorkspace(), PageRequest.of(request, Ids::valid))
                .map(Views.ApiKey::listed));
    }

    ApiResponse get(ApiRequest request) throws SQLException {
        return ApiResponse.ok(keys.find(request.callerWorkspace(), Callers.id(request, "id"))
                .map(Views.ApiKey::listed)
                .orElseThrow(ProblemException::notFound));
    }

    ApiResponse rotate(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String keyId = Callers.id(request, "id");
        AuditTrail.Attempt attempt = attempt(request, workspaceId, "api_key.rotate", keyId, null);
        Role role = trail.checked(attempt, () -> Callers.role(request));
        Records.NewKey created = trail.run(attempt, record -> keys.rotate(workspaceId, keyId, role, grace, record));
        return ApiResponse.created(Views.ApiKey.created(created), location(workspaceId, created));
    }

    ApiResponse revoke(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String keyId = Callers.id(request, "id");
        AuditTrail.Attempt attempt = attempt(request, workspaceId, "api_key.revoke", keyId, null);
        Role role = trail.checked(attempt, () -> Callers.role(request));
        trail.run(attempt, record -> {
            keys.revoke(workspaceId, keyId, role, record);
            return null;
        });
        return ApiResponse.noContent();
    }

    private static AuditTrail.Attempt attempt(
            ApiRequest request, String workspaceId, String action, String keyId, @Nullable String arguments) {
        return AuditTrail.attempt(request, workspaceId, action, "api_key:" + keyId, arguments);
    }

    private static String location(String workspaceId, Records.NewKey created) {
        return "/api/v1/workspaces/" + workspaceId + "/api-keys/"
                + created.key().id();
    }
}
