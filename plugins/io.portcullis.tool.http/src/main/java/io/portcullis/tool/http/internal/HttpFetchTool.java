package io.portcullis.tool.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/**
 * {@code http.fetch}: one GET (risk {@code read}) or POST (risk {@code write}) through the call's
 * {@link io.portcullis.spi.EgressClient}, optionally signed with a bound credential, answering the
 * status, a few response headers and the body up to {@code max_bytes}. Everything else (which hosts,
 * which addresses, the credential's value, redirects) is the core's business. Stateless and thread-safe.
 */
@Component(service = Tool.class)
public final class HttpFetchTool implements Tool {

    static final String NAME = "http.fetch";
    static final int DEFAULT_MAX_BYTES = 65_536;
    private static final Set<String> KEPT_HEADERS = Set.of(
            "content-type",
            "content-length",
            "location",
            "date",
            "etag",
            "last-modified",
            "cache-control",
            "retry-after");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCHEMA = """
            {"type":"object","required":["url"],"additionalProperties":false,"properties":{
              "url":{"type":"string","minLength":1,"maxLength":2048},
              "method":{"enum":["GET","POST"]},
              "body":{"type":"string","maxLength":65536},
              "content_type":{"type":"string","maxLength":128},
              "credential":{"type":"string","maxLength":64},
              "max_bytes":{"type":"integer","minimum":1,"maximum":1048576}}}""";
    private static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            NAME,
            "1.0.0",
            "Fetches a URL with GET, or sends a body with POST, and answers the status, a few headers and the body.",
            SCHEMA,
            Risk.WRITE);

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** A GET only reads; anything else (a POST, or arguments too odd to tell) may write. */
    @Override
    public Risk risk(Map<String, @Nullable Object> arguments) {
        Object method = arguments.get("method");
        return method == null || "GET".equals(method) ? Risk.READ : Risk.WRITE;
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) throws ToolException {
        EgressRequest request = request(arguments, context);
        int maxBytes = arguments.get("max_bytes") instanceof Number n ? n.intValue() : DEFAULT_MAX_BYTES;
        try {
            return ToolResult.json(answer(context.egress().send(request), maxBytes));
        } catch (EgressException e) {
            throw new ToolException("The request was not sent or failed ("
                    + e.reason().name().toLowerCase(Locale.ROOT) + "): " + e.getMessage());
        }
    }

    private static EgressRequest request(Map<String, @Nullable Object> arguments, ToolContext context)
            throws ToolException {
        URI uri;
        try {
            uri = URI.create(String.valueOf(arguments.get("url")));
        } catch (IllegalArgumentException e) {
            throw new ToolException("Argument 'url' is not a URL.");
        }
        EgressRequest request;
        if ("POST".equals(arguments.get("method"))) {
            String body = arguments.get("body") instanceof String text ? text : "";
            String type = arguments.get("content_type") instanceof String t ? t : "application/json";
            request = EgressRequest.post(uri, body.getBytes(StandardCharsets.UTF_8), type);
        } else {
            request = EgressRequest.get(uri);
        }
        if (arguments.get("credential") instanceof String id) {
            CredentialRef ref = context.credential(id)
                    .orElseThrow(() -> new ToolException("Credential '" + id + "' is not bound to this plugin here."));
            request = request.withCredential(ref);
        }
        return request;
    }

    private static String answer(EgressResponse response, int maxBytes) throws ToolException {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (KEPT_HEADERS.contains(lower) && !values.isEmpty()) {
                headers.put(lower, String.join(", ", values));
            }
        });
        byte[] body = response.body();
        boolean truncated = body.length > maxBytes;
        String text = new String(body, 0, Math.min(body.length, maxBytes), StandardCharsets.UTF_8);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", response.status());
        answer.put("headers", headers);
        answer.put("body", text);
        answer.put("truncated", truncated);
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new ToolException("The response could not be written as JSON.");
        }
    }
}
