package io.portcullis.web;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** What a route handler sees of a request. Valid only during the handler's call. */
@ProviderType
public interface ApiRequest {

    HttpMethod method();

    /** The route template that matched, such as {@code /api/v1/workspaces/{ws}}. */
    String routeTemplate();

    /** The value of a path parameter of the matched template; throws if the template has none such. */
    String pathParam(String name);

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
