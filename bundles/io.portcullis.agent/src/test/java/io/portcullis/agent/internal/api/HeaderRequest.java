package io.portcullis.agent.internal.api;

import io.portcullis.web.ApiRequest;
import io.portcullis.web.Caller;
import io.portcullis.web.HttpMethod;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@code FakeRequest} with request headers (such as {@code Last-Event-ID}), matched case-insensitively. */
record HeaderRequest(ApiRequest request, Map<String, String> headers) implements ApiRequest {

    @Override
    public HttpMethod method() {
        return request.method();
    }

    @Override
    public String routeTemplate() {
        return request.routeTemplate();
    }

    @Override
    public String pathParam(String name) {
        return request.pathParam(name);
    }

    @Override
    public Optional<String> queryParam(String name) {
        return request.queryParam(name);
    }

    @Override
    public Optional<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .or(() -> request.header(name));
    }

    @Override
    public Caller caller() {
        return request.caller();
    }

    @Override
    public String requestId() {
        return request.requestId();
    }

    @Override
    public <T> T body(Class<T> type) {
        return request.body(type);
    }

    @Override
    public byte[] bodyBytes(Set<String> mediaTypes) {
        return request.bodyBytes(mediaTypes);
    }

    @Override
    public void requireNotSecret(String field, String text) {
        request.requireNotSecret(field, text);
    }

    @Override
    public String callerWorkspace() {
        return request.callerWorkspace();
    }
}
