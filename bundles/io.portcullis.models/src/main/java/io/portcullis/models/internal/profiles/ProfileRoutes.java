package io.portcullis.models.internal.profiles;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.OutcomeRecorder;
import io.portcullis.egress.Egress;
import io.portcullis.egress.EgressRules;
import io.portcullis.models.internal.WorkspaceRules;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.spi.EgressException;
import io.portcullis.store.Ids;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A workspace's model profiles: read by its members, written by its admins. A base URL is checked by
 * the egress guard's rules for the profile's plugin when saved, so a bad one is refused when typed.
 * Each change is on the record ({@code model.profile.create/update/delete}) with its outcome.
 */
public final class ProfileRoutes {

    public static final String BASE = "/api/v1/workspaces/{ws}/models";
    public static final String READ = "workspace:{ws}:models:read";
    public static final String WRITE = "workspace:{ws}:models:write";

    static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?");
    static final Pattern PLUGIN = Pattern.compile("[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*");
    static final int DEFAULT_MAX_TOKENS = 4096;

    private final ProfileStore store;
    private final PluginPolicy policy;
    private final Egress egress;
    private final OutcomeRecorder recorder;

    public ProfileRoutes(ProfileStore store, PluginPolicy policy, Egress egress, AuditLog log) {
        this.store = store;
        this.policy = policy;
        this.egress = egress;
        this.recorder = new OutcomeRecorder(log);
    }

    /** What a workspace admin sends. */
    public record ProfileBody(
            @Nullable String name,
            @Nullable String plugin,
            @Nullable String model,
            @Nullable String credential,
            @JsonProperty("base_url") @Nullable String baseUrl,
            @JsonProperty("max_tokens") @Nullable Integer maxTokens) {}

    /** What the API shows of a profile. */
    public record ProfileView(
            String id,
            String name,
            String plugin,
            String model,
            @Nullable String credential,
            @JsonProperty("base_url") @Nullable String baseUrl,
            @JsonProperty("max_tokens") int maxTokens,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("updated_at") Instant updatedAt) {

        static ProfileView of(Profile p) {
            return new ProfileView(
                    p.id(),
                    p.name(),
                    p.pluginId(),
                    p.model(),
                    p.credentialId(),
                    p.baseUrl() == null ? null : p.baseUrl().toString(),
                    p.maxTokens(),
                    p.createdAt(),
                    p.updatedAt());
        }
    }

    public List<Route> routes() {
        return List.of(
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List the workspace's model profiles")
                        .pageOf(ProfileView.class),
                Route.get(BASE + "/{id}", this::get)
                        .requires(READ)
                        .summary("Read a model profile")
                        .response(ProfileView.class),
                Route.post(BASE, this::create)
                        .requires(WRITE)
                        .summary("Create a model profile: a name for a provider plugin's model")
                        .request(ProfileBody.class)
                        .response(ProfileView.class)
                        .status(201)
                        .problems(409),
                Route.put(BASE + "/{id}", this::update)
                        .requires(WRITE)
                        .summary("Replace a model profile's fields")
                        .request(ProfileBody.class)
                        .response(ProfileView.class)
                        .problems(409),
                Route.delete(BASE + "/{id}", this::delete)
                        .requires(WRITE)
                        .summary("Delete a model profile")
                        .status(204));
    }

    ApiResponse list(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        var page = io.portcullis.web.PageRequest.of(
                request, cursor -> ProfileStore.CURSOR.matcher(cursor).matches());
        return ApiResponse.ok(store.list(workspaceId, page).map(ProfileView::of));
    }

    ApiResponse get(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        return ApiResponse.ok(
                ProfileView.of(store.get(workspaceId, id(request)).orElseThrow(ProblemException::notFound)));
    }

    ApiResponse create(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        AuditEvent attempt = attempt(request, workspaceId, "model.profile.create", "model_profile:new");
        ProfileStore.Fields fields = fields(request, workspaceId, attempt);
        Profile created = recorder.change(attempt, record -> store.create(workspaceId, fields, record));
        return ApiResponse.created(
                ProfileView.of(created), "/api/v1/workspaces/" + workspaceId + "/models/" + created.id());
    }

    ApiResponse update(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = id(request);
        AuditEvent attempt = attempt(request, workspaceId, "model.profile.update", "model_profile:" + id);
        ProfileStore.Fields fields = fields(request, workspaceId, attempt);
        return ApiResponse.ok(
                ProfileView.of(recorder.change(attempt, record -> store.update(workspaceId, id, fields, record))));
    }

    ApiResponse delete(ApiRequest request) throws SQLException {
        String workspaceId = request.callerWorkspace();
        String id = id(request);
        AuditEvent attempt = attempt(request, workspaceId, "model.profile.delete", "model_profile:" + id);
        recorder.change(attempt, record -> {
            store.delete(workspaceId, id, record);
            return null;
        });
        return ApiResponse.noContent();
    }

    private static AuditEvent attempt(ApiRequest request, String workspaceId, String action, String target) {
        return AuditEvent.allowed(workspaceId, Actor.of(request.caller()), action, target, request.requestId());
    }

    /** The body's fields, validated; a bad one is a 400 on the record naming the field, never its value. */
    private ProfileStore.Fields fields(ApiRequest request, String workspaceId, AuditEvent attempt) {
        try {
            return validate(request, workspaceId, request.body(ProfileBody.class));
        } catch (ProblemException problem) {
            throw recorder.refused(attempt, problem);
        }
    }

    ProfileStore.Fields validate(ApiRequest request, String workspaceId, ProfileBody body) {
        String name = required("name", body.name());
        if (name.length() > 64 || !NAME.matcher(name).matches()) {
            throw ProblemException.badRequest(
                    "'name' must be a lower-case slug (a-z, 0-9, '-'), 1..64 characters, not starting or ending with '-'.");
        }
        request.requireNotSecret("name", name);
        String plugin = required("plugin", body.plugin());
        if (plugin.length() > 255 || !PLUGIN.matcher(plugin).matches()) {
            throw ProblemException.badRequest("'plugin' must be a plugin id (its symbolic name).");
        }
        String model = required("model", body.model());
        if (model.length() > 200 || !printable(model)) {
            throw ProblemException.badRequest("'model' must be 1..200 printable characters.");
        }
        request.requireNotSecret("model", model);
        String credential = body.credential();
        if (credential != null && !Ids.valid(credential)) {
            throw ProblemException.badRequest("'credential' must be the id of a workspace credential.");
        }
        int maxTokens = body.maxTokens() == null ? DEFAULT_MAX_TOKENS : body.maxTokens();
        if (maxTokens < 1 || maxTokens > Profile.MAX_TOKENS) {
            throw ProblemException.badRequest("'max_tokens' must be 1.." + Profile.MAX_TOKENS + ".");
        }
        URI baseUrl = body.baseUrl() == null ? null : baseUrl(request, workspaceId, plugin, body.baseUrl());
        return new ProfileStore.Fields(name, plugin, model, credential, baseUrl, maxTokens);
    }

    private URI baseUrl(ApiRequest request, String workspaceId, String plugin, String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw ProblemException.badRequest("'base_url' is not a URL.");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (text.length() > 2048
                || !(scheme.equals("https") || scheme.equals("http"))
                || url.getHost() == null
                || url.getRawUserInfo() != null
                || url.getRawQuery() != null
                || url.getRawFragment() != null) {
            throw ProblemException.badRequest(
                    "'base_url' must be an http or https URL of at most 2048 characters, without user info, query or fragment.");
        }
        request.requireNotSecret("base_url", text);
        EgressRules rules;
        try {
            rules = WorkspaceRules.of(policy, workspaceId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "'base_url' cannot be checked: the workspace's egress lists are not valid.");
        }
        try {
            egress.check(url, rules, plugin);
        } catch (EgressException e) {
            throw ProblemException.badRequest("'base_url' is refused by the egress rules: " + e.getMessage());
        }
        return url;
    }

    private static String required(String field, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            throw ProblemException.badRequest("'" + field + "' is required.");
        }
        return value;
    }

    private static boolean printable(String text) {
        return text.chars().noneMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c));
    }

    /** A malformed id answers as a missing one does. */
    private static String id(ApiRequest request) {
        String id = request.pathParam("id");
        if (!Ids.valid(id)) {
            throw ProblemException.notFound();
        }
        return id;
    }
}
