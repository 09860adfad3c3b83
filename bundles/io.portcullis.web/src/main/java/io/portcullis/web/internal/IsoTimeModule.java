package io.portcullis.web.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * ISO-8601 strings for the common {@code java.time} types. The runtime has no jackson-datatype-jsr310
 * bundle and Jackson refuses these types without a module, so the few that APIs use are mapped here.
 */
final class IsoTimeModule {

    private IsoTimeModule() {}

    static SimpleModule create() {
        SimpleModule module = new SimpleModule("portcullis-iso-time");
        add(module, Instant.class, Instant::parse);
        add(module, OffsetDateTime.class, OffsetDateTime::parse);
        add(module, LocalDate.class, LocalDate::parse);
        add(module, LocalDateTime.class, LocalDateTime::parse);
        add(module, Duration.class, Duration::parse);
        return module;
    }

    private static <T> void add(SimpleModule module, Class<T> type, Function<String, T> parse) {
        module.addSerializer(type, ToStringSerializer.instance);
        module.addDeserializer(type, new FromIsoString<>(type, parse));
    }

    /** Parses an ISO string; a bad one is a mapping error carrying the field path but not the value. */
    private static final class FromIsoString<T> extends StdScalarDeserializer<T> {

        private static final long serialVersionUID = 1L;

        private final Class<T> type;
        private final transient Function<String, T> parse;

        FromIsoString(Class<T> type, Function<String, T> parse) {
            super(type);
            this.type = type;
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return type.cast(context.handleUnexpectedToken(type, parser));
            }
            try {
                return parse.apply(parser.getText().trim());
            } catch (DateTimeParseException e) {
                return type.cast(context.handleWeirdStringValue(type, "", "not an ISO-8601 value"));
            }
        }
    }
}
