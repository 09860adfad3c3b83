package io.portcullis.web;

import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** What a route handler sees of a request. Valid only during the handler's call. */
@ProviderType
public interface ApiRequest {

    HttpMethod method();

    /** The route template that matched, such as {@code /api/v1/workspaces/{ws}}. */
    String routeTemplate();

    /** The value of a path parameter of the matched template; throws if the template has none such. */
    String pathParam(String name);

    /** A query parameter, decoded; a value with a control character (such as {@code %00}) answers 400. */
    Optional<String> queryParam(String name);

    Optional<String> header(String name);

    /**
     * The authenticated caller. Present on every route that is not public; throws
     * {@link IllegalStateException} on a public route.
     */
    Caller caller();

    /** The request id: the client's {@code X-Request-Id} if it sent a valid one, else a generated id. */
    String requestId();

    /**
     * The JSON body bound to {@code type}. Answers 415 if the content type is not JSON, 400 if the
     * body is empty, malformed or does not fit the type; the problem detail never echoes the body.
     */
    <T> T body(Class<T> type);

    /**
     * The raw body, for routes that take something other than JSON (a plugin jar, say). Answers 415
     * if the Content-Type, parameters ignored, is not one of {@code mediaTypes} (lower case, such as
     * {@code application/octet-stream}), 400 if the body is empty, and 413 if it is over the route's
     * limit (see {@link Route#maxBodyBytes(long)}). A route reading this declares the same types with
     * {@link Route#accepts(Set)}, or the server refuses the body before the handler runs.
     *
     * <p>The default throws {@link UnsupportedOperationException}: only the web layer's request and
     * its test double read raw bodies; a bundle's own test request need not.
     */
    default byte[] bodyBytes(Set<String> mediaTypes) {
        throw new UnsupportedOperationException("this request cannot read a raw body");
    }

    /**
     * Refuses a text the handler will store and show (a name, a label, a subject, a metadata key or
     * value) that holds a live secret of {@link #callerWorkspace()} or looks like a secret: a 400
     * naming {@code field}, never echoing the text (503 without a vault to ask). The one check is
     * {@link SecretScreen#requireNone}; only on routes whose template has {@code {ws}}.
     */
    void requireNotSecret(String field, String text);

    /**
     * The caller's workspace, which must be the one the path parameter {@code ws} names: a 404
     * {@link ProblemException} when the path names another one or the caller has none, so a caller
     * cannot tell another workspace's resources from missing ones. Only on routes whose template
     * has {@code {ws}}.
     */
    default String callerWorkspace() {
        String workspaceId = caller().workspaceId().orElseThrow(ProblemException::notFound);
        if (!workspaceId.equals(pathParam("ws"))) {
            throw ProblemException.notFound();
        }
        return workspaceId;
    }
}
