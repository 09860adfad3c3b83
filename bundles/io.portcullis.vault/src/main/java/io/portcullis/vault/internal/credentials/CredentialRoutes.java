package io.portcullis.vault.internal.credentials;

import io.portcullis.store.Ids;
import io.portcullis.vault.Redactor;
import io.portcullis.vault.internal.redaction.SecretRegistry;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.SecretScreen;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A workspace's credentials over HTTP: create, list, read, rotate, delete, bind and unbind. Values go
 * in and never come out. The redactor's registry learns a value once its transaction has committed,
 * and forgets it once its deletion has. Every change is put on the record with its outcome (see
 * {@link CredentialAudit#change}), with its non-secret fields only.
 */
final class CredentialRoutes {

    static final String BASE = "/api/v1/workspaces/{ws}/credentials";
    static final String READ = "workspace:{ws}:credentials:read";
    static final String WRITE = "workspace:{ws}:credentials:write";

    private final CredentialStore store;
    private final SecretRegistry registry;
    private final Redactor redactor;
    private final CredentialAudit audit;
    private final Predicate<String> bindable;

    /** {@code bindable}: whether a plugin id names an installed plugin that declares {@code vault.use}. */
    CredentialRoutes(
            CredentialStore store,
            SecretRegistry registry,
            Redactor redactor,
            CredentialAudit audit,
            Predicate<String> bindable) {
        this.bindable = bindable;
        this.store = store;
        this.registry = registry;
        this.redactor = redactor;
        this.audit = audit;
    }

    List<Route> routes() {
        return List.of(
                Route.post(BASE, this::create)
                        .requires(WRITE)
                        .summary("Store a credential (its value is never shown)")
                        .request(Bodies.NewCredential.class)
                        .response(Views.Credential.class)
                        .status(201),
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List credentials")
                        .pageOf(Views.Credential.class),
                Route.get(BASE + "/{id}", this::get)
                        .requires(READ)
                        .summary("Read a credential's metadata")
                        .response(Views.Credential.class),
                Route.post(BASE + "/{id}/rotate", this::rotate)
                        .requires(WRITE)
                        .summary("Replace a credential's value")
                        .request(Bodies.Rotation.class)
                        .response(Views.Credential.class),
                Route.delete(BASE + "/{id}", this::delete).requires(WRITE).summary("Delete a credential"),
                Route.put(BASE + "/{id}/bindings/{plugin}", this::bind)
                        .requires(WRITE)
                        .summary("Let a plugin use a credential")
                        .problems(400),
                Route.delete(BASE + "/{id}/bindings/{plugin}", this::unbind)
                        .requires(WRITE)
                        .summary("Stop a plugin from using a credential"));
    }

    ApiResponse create(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        Bodies.NewCredential body = request.body(Bodies.NewCredential.class);
        SecretScreen.requireNone(redactor, workspaceId, "name", body.name());
        Metadata.checkNotSecret(redactor, workspaceId, body.metadata());
        String id = Ids.next(); // drawn first, so that the record names the credential it creates
        StoredCredential created = audit.change(
                request,
                workspaceId,
                "credential.create",
                id,
                arguments(body),
                record -> store.create(workspaceId, id, body, record));
        registry.put(workspaceId, created.id(), body.value());
        return ApiResponse.created(Views.Credential.of(created), location(workspaceId, created.id()));
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        return ApiResponse.ok(store.list(request.callerWorkspace(), PageRequest.of(request, Ids::valid))
                .map(Views.Credential::of));
    }

    ApiResponse get(ApiRequest request) throws SQLException {
        return ApiResponse.ok(store.find(request.callerWorkspace(), Callers.id(request, "id"))
                .map(Views.Credential::of)
                .orElseThrow(ProblemException::notFound));
    }

    ApiResponse rotate(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = Callers.id(request, "id");
        String value = request.body(Bodies.Rotation.class).value();
        StoredCredential rotated = audit.change(
                request,
                workspaceId,
                "credential.rotate",
                id,
                null,
                record -> store.rotate(workspaceId, id, value, record));
        registry.put(workspaceId, id, value);
        return ApiResponse.ok(Views.Credential.of(rotated));
    }

    ApiResponse delete(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = Callers.id(request, "id");
        audit.change(request, workspaceId, "credential.delete", id, null, record -> {
            store.delete(workspaceId, id, record);
            return null;
        });
        registry.remove(workspaceId, id);
        return ApiResponse.noContent();
    }

    /**
     * Binds only to a plugin that can use a binding: an installed plugin (granted or not) that declares
     * {@code vault.use}. Never to a core bundle, an uninstalled or a rejected plugin: a binding made
     * ahead of a plugin's install would hand the credential to whoever installs a jar of that name.
     */
    ApiResponse bind(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = Callers.id(request, "id");
        String pluginId = request.pathParam("plugin");
        if (!PluginIds.valid(pluginId)) {
            throw ProblemException.badRequest("Path parameter 'plugin' must be a plugin's symbolic name.");
        }
        audit.change(
                request, workspaceId, "credential.bind", id, JsonText.object(Map.of("plugin", pluginId)), record -> {
                    if (!bindable.test(pluginId)) {
                        // the path is not echoed: a name is no reason to repeat what a caller typed
                        throw ProblemException.badRequest("A credential can be bound only to an installed plugin "
                                + "that declares the scope 'vault.use'; path parameter 'plugin' names none.");
                    }
                    store.bind(workspaceId, id, pluginId, record);
                    return null;
                });
        return ApiResponse.noContent();
    }

    ApiResponse unbind(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = Callers.id(request, "id");
        String pluginId = request.pathParam("plugin");
        if (!PluginIds.valid(pluginId)) {
            throw ProblemException.notFound();
        }
        audit.change(
                request, workspaceId, "credential.unbind", id, JsonText.object(Map.of("plugin", pluginId)), record -> {
                    store.unbind(workspaceId, id, pluginId, record);
                    return null;
                });
        return ApiResponse.noContent();
    }

    /** The non-secret fields of a new credential, sorted by name; never its value. */
    static String arguments(Bodies.NewCredential body) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("name", body.name());
        fields.put("kind", body.kind().id());
        fields.put("metadata", JsonText.object(body.metadata()));
        fields.put("allowed_hosts", JsonText.array(body.allowedHosts()));
        fields.put("read_only", Boolean.toString(body.readOnly()));
        if (body.expiresAt() != null) {
            fields.put("expires_at", body.expiresAt().toString());
        }
        return JsonText.object(fields);
    }

    private static String location(String workspaceId, String id) {
        return "/api/v1/workspaces/" + workspaceId + "/credentials/" + id;
    }
}
