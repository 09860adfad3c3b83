package io.portcullis.web.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.SecretScreen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A request as the web layer hands it to a handler, with Jackson configured as strictly as the web
 * layer's, and a record constructor's problem passed through as the web layer does. A JSON body by
 * default; {@link #withRawBody} makes one for {@link #bodyBytes}, with the web layer's 415 and 400.
 *
 * @param contentType the request's Content-Type, {@code application/json} unless said otherwise
 * @param bytes the raw body {@link #bodyBytes} answers: {@code body} in UTF-8 unless said otherwise
 */
public record FakeRequest(
        HttpMethod method,
        Caller caller,
        Map<String, String> path,
        Map<String, String> query,
        String body,
        String contentType,
        byte[] bytes)
        implements ApiRequest {

    /** A request with a JSON body (possibly empty). */
    public FakeRequest(
            HttpMethod method, Caller caller, Map<String, String> path, Map<String, String> query, String body) {
        this(method, caller, path, query, body, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** A GET with a JSON body (possibly empty), for handlers that do not look at the method. */
    public FakeRequest(Caller caller, Map<String, String> path, Map<String, String> query, String body) {
        this(HttpMethod.GET, caller, path, query, body);
    }

    /** A GET with path parameters only. */
    public static FakeRequest of(Caller caller, Map<String, String> path) {
        return new FakeRequest(caller, path, Map.of(), "");
    }

    /** The same request with a JSON body. */
    public FakeRequest withBody(String json) {
        return new FakeRequest(method, caller, path, query, json);
    }

    /** The same request with a raw body of {@code type}, as a client uploading a file sends it. */
    public FakeRequest withRawBody(String type, byte[] raw) {
        return new FakeRequest(method, caller, path, query, "", type, raw.clone());
    }

    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser parser, DeserializationContext context)
                                throws IOException {
                            return Instant.parse(parser.getText());
                        }
                    }))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    static {
        // As the web layer: every scalar in its own JSON type, no 123 as "123", no "" as a null Integer.
        JSON.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            JSON.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        JSON.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        JSON.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    @Override
    public String routeTemplate() {
        return "/test";
    }

    @Override
    public String pathParam(String name) {
        String value = path.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name);
        }
        return value;
    }

    @Override
    public Optional<String> queryParam(String name) {
        return Optional.ofNullable(query.get(name));
    }

    @Override
    public Optional<String> header(String name) {
        return "content-type".equalsIgnoreCase(name) ? Optional.of(contentType) : Optional.empty();
    }

    @Override
    public String requestId() {
        return "test";
    }

    @Override
    public <T> T body(Class<T> type) {
        if (!essence(contentType).matches("application/([a-z0-9!#$&^_.-]+\\+)?json")) {
            throw new ProblemException(415, "Unsupported Media Type", "Request body must be JSON.");
        }
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                throw ProblemException.badRequest("The request body must be a JSON object."); // as the web layer
            }
            return JSON.readValue(parser, type);
        } catch (DatabindException e) {
            if (e.getCause() instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.badRequest("invalid body");
        } catch (IOException e) {
            throw ProblemException.badRequest("invalid body");
        }
    }

    /**
     * The web layer's check with a stand-in for the vault's screen: a text holding
     * {@link #LIVE_SECRET} counts as holding a live secret of the caller's workspace.
     */
    @Override
    public void requireNotSecret(String field, String text) {
        SecretScreen.requireNone((workspaceId, t) -> t.contains(LIVE_SECRET), callerWorkspace(), field, text);
    }

    /** What {@link #requireNotSecret} treats as a live secret of any workspace. */
    public static final String LIVE_SECRET = "fake-live-secret";

    @Override
    public byte[] bodyBytes(Set<String> mediaTypes) {
        if (!mediaTypes.contains(essence(contentType))) {
            throw new ProblemException(415, "Unsupported Media Type", "Request body is not of an accepted type.");
        }
        if (bytes.length == 0) {
            throw ProblemException.badRequest("Request body is required.");
        }
        return bytes.clone();
    }

    /** The media type without parameters, lower case, as the web layer compares it. */
    private static String essence(String type) {
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    public static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    /** {@code response}'s body as a client reads it: written as the web layer writes it, then parsed. */
    public static JsonNode tree(ApiResponse response) throws IOException {
        return JSON.readTree(json(response.body()));
    }

    /** The problem {@code call} threw; fails the test if it threw none, so a missing refusal cannot pass. */
    public static ProblemException problem(ThrowingCallable call) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, call);
        assertThat(problem).as("a problem").isNotNull();
        return problem;
    }
}
