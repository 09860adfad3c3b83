package io.portcullis.policy.internal.api;

import io.portcullis.audit.Actor;
import io.portcullis.policy.PrivateEndpoints;
import io.portcullis.policy.internal.catalogue.Scope;
import io.portcullis.policy.internal.catalogue.ScopeCatalogue;
import io.portcullis.policy.internal.plugins.PluginAdmin;
import io.portcullis.policy.internal.plugins.PluginRecord;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.util.List;
import java.util.Set;

/**
 * The platform administrator's plugin routes: list and read, upload a jar, grant exactly the scopes it
 * requests, revoke, uninstall. Reads need {@value #READ}, changes {@value #WRITE}, which only the
 * platform administrator holds.
 */
final class PluginRoutes {

    static final String BASE = "/api/v1/plugins";
    static final String READ = "platform:plugins:read";
    static final String WRITE = "platform:plugins:write";

    /** What a jar upload may be sent as; browsers and curl send either. */
    static final Set<String> JAR_TYPES = Set.of("application/java-archive", "application/octet-stream");

    private final PluginAdmin admin;
    private final ScopeCatalogue catalogue;
    private final long maxUploadBytes;
    private final PrivateEndpoints endpoints;

    PluginRoutes(PluginAdmin admin, ScopeCatalogue catalogue, long maxUploadBytes, PrivateEndpoints endpoints) {
        this.admin = admin;
        this.catalogue = catalogue;
        this.maxUploadBytes = maxUploadBytes;
        this.endpoints = endpoints;
    }

    List<Route> routes() {
        return List.of(
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List installed plugins")
                        .pageOf(Views.PluginView.class),
                Route.post(BASE, this::upload)
                        .requires(WRITE)
                        .accepts(JAR_TYPES)
                        .maxBodyBytes(maxUploadBytes)
                        .summary("Upload a plugin jar; it waits for a grant")
                        .response(Views.PluginView.class)
                        .status(201)
                        .problems(409),
                Route.get(BASE + "/{id}", this::get)
                        .requires(READ)
                        .summary("Read a plugin")
                        .response(Views.PluginView.class),
                Route.post(BASE + "/{id}/grant", this::grant)
                        .requires(WRITE)
                        .summary("Grant a plugin scopes and start it")
                        .request(Bodies.GrantRequest.class)
                        .response(Views.PluginView.class)
                        .problems(409, 503),
                Route.post(BASE + "/{id}/revoke", this::revoke)
                        .requires(WRITE)
                        .summary("Revoke a plugin's grant and stop it")
                        .response(Views.PluginView.class)
                        .problems(409, 503),
                Route.delete(BASE + "/{id}", this::uninstall)
                        .requires(WRITE)
                        .summary("Uninstall a plugin")
                        .problems(409, 503));
    }

    ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(Pages.of(request, admin.list(), PluginRecord::id).map(this::view));
    }

    ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(
                admin.find(PluginIds.require(request)).map(this::view).orElseThrow(ProblemException::notFound));
    }

    ApiResponse upload(ApiRequest request) {
        byte[] jar = request.bodyBytes(JAR_TYPES);
        PluginRecord installed = Failures.call(() -> admin.upload(jar, Actor.of(request.caller())));
        return ApiResponse.created(view(installed), BASE + "/" + installed.id());
    }

    ApiResponse grant(ApiRequest request) {
        String id = PluginIds.require(request);
        List<String> scopes = request.body(Bodies.GrantRequest.class).scopes();
        for (int i = 0; i < scopes.size(); i++) {
            if (!catalogue.isKnown(scopes.get(i))) {
                throw ProblemException.badRequest("Field 'scopes[" + i + "]' is not a scope of the catalogue.");
            }
            if (!catalogue.isAvailable(scopes.get(i))) {
                throw ProblemException.conflict("Field 'scopes[" + i + "]' names scope '" + scopes.get(i) + "', which"
                        + " is not available on this server yet; no grant can allow it. "
                        + catalogue.find(scopes.get(i)).map(Scope::note).orElse(""));
            }
            if (!catalogue.isGrantable(scopes.get(i))) {
                throw ProblemException.badRequest("Field 'scopes[" + i + "]' is a scope no grant may allow.");
            }
        }
        Set<String> granted = Set.copyOf(scopes);
        PluginRecord active = Failures.call(() -> admin.grant(id, granted, Actor.of(request.caller())));
        return ApiResponse.ok(view(active));
    }

    ApiResponse revoke(ApiRequest request) {
        String id = PluginIds.require(request);
        return ApiResponse.ok(view(Failures.call(() -> admin.revoke(id, Actor.of(request.caller())))));
    }

    ApiResponse uninstall(ApiRequest request) {
        String id = PluginIds.require(request);
        Failures.run(() -> admin.uninstall(id, Actor.of(request.caller())));
        return ApiResponse.noContent();
    }

    private Views.PluginView view(PluginRecord record) {
        return Views.PluginView.of(
                record, endpoints.origins(record.id()), admin.host(record.id()).orElse(null));
    }
}
