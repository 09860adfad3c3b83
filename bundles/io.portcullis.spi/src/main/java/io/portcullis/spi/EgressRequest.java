package io.portcullis.spi;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One outbound HTTP request.
 *
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE} or {@code HEAD}
 * @param uri an absolute {@code http} or {@code https} URI without user information
 * @param headers request headers; the guard refuses hop-by-hop and credential headers set by hand
 * @param body the request body, empty for none
 * @param credential the credential the guard injects after its checks, or {@code null}
 */
public record EgressRequest(
        String method,
        URI uri,
        Map<String, List<String>> headers,
        byte[] body,
        @Nullable CredentialRef credential) {

    public EgressRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** A GET without headers or credential. */
    public static EgressRequest get(URI uri) {
        return new EgressRequest("GET", uri, Map.of(), new byte[0], null);
    }

    /** A POST of {@code body} with the given content type. */
    public static EgressRequest post(URI uri, byte[] body, String contentType) {
        return new EgressRequest("POST", uri, Map.of("Content-Type", List.of(contentType)), body, null);
    }

    /** The same request with one more header value. */
    public EgressRequest withHeader(String name, String value) {
        Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(headers);
        copy.merge(
                name,
                List.of(value),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList());
        return new EgressRequest(method, uri, copy, body, credential);
    }

    /** The same request, with {@code ref} injected by the guard. */
    public EgressRequest withCredential(CredentialRef ref) {
        return new EgressRequest(method, uri, headers, body, ref);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
