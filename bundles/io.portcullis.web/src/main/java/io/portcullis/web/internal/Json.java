package io.portcullis.web.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The one Jackson mapper of the web layer, and what counts as a JSON content type. */
final class Json {

    /**
     * Thread-safe once configured. Strict on input (unknown fields, trailing tokens and duplicate
     * keys are errors: with two "role" keys, which one would a proxy or an audit reader believe?),
     * lenient on output (an empty bean is {@code {}}, dates are ISO-8601 strings).
     */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(IsoTimeModule.create())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static final String JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";

    /** {@code application/json} or {@code application/*+json}, parameters such as charset ignored. */
    private static final Pattern JSON_TYPE = Pattern.compile("application/([a-z0-9!#$&^_.-]+\\+)?json");

    private Json() {}

    static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return JSON_TYPE.matcher(mediaType.toLowerCase(Locale.ROOT)).matches();
    }
}
