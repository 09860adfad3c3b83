package io.portcullis.web.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.Caller;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the web layer hands it to a handler, with Jackson configured as strictly as the web
 * layer's, and a record constructor's problem passed through as the web layer does.
 */
public record FakeRequest(
        HttpMethod method, Caller caller, Map<String, String> path, Map<String, String> query, String body)
        implements ApiRequest {

    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                            return Instant.parse(parser.getText());
                        }
                    }))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

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
        return Optional.empty();
    }

    @Override
    public String requestId() {
        return "test";
    }

    @Override
    public <T> T body(Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (DatabindException e) {
            if (e.getCause() instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.badRequest("invalid body");
        } catch (IOException e) {
            throw ProblemException.badRequest("invalid body");
        }
    }

    public static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }
}
