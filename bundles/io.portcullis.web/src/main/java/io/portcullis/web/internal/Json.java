package io.portcullis.web.internal;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The one Jackson mapper of the web layer, and what counts as a JSON content type. */
final class Json {

    /**
     * Thread-safe once configured. Strict on input (unknown fields, trailing tokens and duplicate
     * keys are errors: with two "role" keys, which one would a proxy or an audit reader believe?),
     * lenient on output (an empty bean is {@code {}}, dates are ISO-8601 strings).
     *
     * <p>Every scalar must come in its own JSON type. Jackson's defaults coerce: {@code 123} became the
     * name "123", {@code ""} a null Integer (which lifted an audit retention), {@code "30"} a number and
     * {@code 1.9} the int 1. A value of the wrong type is a 400 naming the field, like any other.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(IsoTimeModule.create())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(
                    LogicalType.Textual,
                    text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

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
