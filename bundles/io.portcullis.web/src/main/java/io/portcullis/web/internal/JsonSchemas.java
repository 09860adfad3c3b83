package io.portcullis.web.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of the Java types that routes bind and answer, as
 * Jackson sees them: property names after {@code @JsonProperty}, the creator's parameters for request
 * bodies, enums as the strings Jackson writes. Records and beans become named components, referenced
 * with {@code $ref}, so nested and recursive types are described once.
 *
 * <p>Required: a response property is required unless it is left out when empty ({@code @JsonInclude});
 * a request property only when Jackson is told so ({@code @JsonProperty(required = true)}), since the
 * records' constructors, not their types, say what is mandatory. Request objects take no other
 * property: the server refuses unknown fields.
 */
final class JsonSchemas {

    /** Which side of the wire a type is on: Jackson's view of a type differs between the two. */
    enum Direction {
        REQUEST,
        RESPONSE
    }

    private record Key(Class<?> type, Direction direction) {}

    private static final Set<JsonInclude.Include> OMITTED_WHEN_EMPTY = Set.of(
            JsonInclude.Include.NON_NULL,
            JsonInclude.Include.NON_ABSENT,
            JsonInclude.Include.NON_EMPTY,
            JsonInclude.Include.NON_DEFAULT);

    private final ObjectMapper mapper;
    private final Map<Key, String> names = new HashMap<>();
    private final Map<String, Object> components = new TreeMap<>();

    JsonSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The schema of {@code type} on {@code direction}'s side; beans as a reference to a component. */
    Map<String, Object> of(Class<?> type, Direction direction) {
        return of(mapper.constructType(type), direction);
    }

    /** Every component referenced so far, by name. */
    Map<String, Object> components() {
        return components;
    }

    private Map<String, Object> of(JavaType type, Direction direction) {
        Class<?> raw = type.getRawClass();
        Map<String, Object> scalar = scalar(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw == Optional.class) {
            return of(type.containedTypeOrUnknown(0), direction);
        }
        if (raw.isEnum()) {
            return enumeration(raw);
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            return map("type", "array", "items", of(type.getContentType(), direction));
        }
        if (type.isMapLikeType()) {
            Class<?> content = type.getContentType().getRawClass();
            return map(
                    "type",
                    "object",
                    "additionalProperties",
                    content == Object.class ? true : of(type.getContentType(), direction));
        }
        if (raw.isSealed()) { // one of its permitted records, as an answer that is one of several kinds
            return map(
                    "oneOf",
                    java.util.Arrays.stream(raw.getPermittedSubclasses())
                            .map(kind -> (Object) of(mapper.constructType(kind), direction))
                            .toList());
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw) || raw.isInterface()) {
            return new LinkedHashMap<>(); // any JSON value
        }
        return map("$ref", "#/components/schemas/" + component(type, direction));
    }

    private String component(JavaType type, Direction direction) {
        Key key = new Key(type.getRawClass(), direction);
        String known = names.get(key);
        if (known != null) {
            return known;
        }
        String name = baseName(type.getRawClass());
        if (components.containsKey(name)) {
            name = name + (direction == Direction.REQUEST ? "_request" : "_response");
        }
        names.put(key, name);
        components.put(name, Map.of()); // reserved first: a recursive type refers to itself
        components.put(name, bean(type, direction));
        return name;
    }

    private Map<String, Object> bean(JavaType type, Direction direction) {
        BeanDescription description = direction == Direction.RESPONSE
                ? mapper.getSerializationConfig().introspect(type)
                : mapper.getDeserializationConfig().introspect(type);
        List<BeanPropertyDefinition> properties = properties(description, direction);
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        Map<String, Object> described = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (BeanPropertyDefinition property : properties) {
            JavaType propertyType = direction == Direction.REQUEST && property.hasConstructorParameter()
                    ? property.getConstructorParameter().getType()
                    : property.getPrimaryType();
            described.put(property.getName(), of(propertyType, direction));
            if (isRequired(property, direction)) {
                required.add(property.getName());
            }
        }
        schema.put("properties", described);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        if (direction == Direction.REQUEST) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }

    /** A request's properties are its creator's parameters when it has a creator, else its setters. */
    private static List<BeanPropertyDefinition> properties(BeanDescription description, Direction direction) {
        List<BeanPropertyDefinition> all = description.findProperties();
        if (direction == Direction.RESPONSE) {
            return all.stream().filter(BeanPropertyDefinition::couldSerialize).toList();
        }
        List<BeanPropertyDefinition> creator = all.stream()
                .filter(BeanPropertyDefinition::hasConstructorParameter)
                .toList();
        return creator.isEmpty()
                ? all.stream().filter(BeanPropertyDefinition::couldDeserialize).toList()
                : creator;
    }

    private static boolean isRequired(BeanPropertyDefinition property, Direction direction) {
        if (direction == Direction.REQUEST) {
            return property.isRequired();
        }
        JsonInclude.Value inclusion = property.findInclusion();
        return inclusion == null || !OMITTED_WHEN_EMPTY.contains(inclusion.getValueInclusion());
    }

    private Map<String, Object> enumeration(Class<?> type) {
        List<Object> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            try {
                values.add(mapper.readValue(mapper.writeValueAsString(constant), Object.class));
            } catch (JsonProcessingException e) {
                values.add(((Enum<?>) constant).name());
            }
        }
        return map("type", "string", "enum", values);
    }

    /** The schema of a JSON scalar type, or null when {@code raw} is not one. */
    private static @Nullable Map<String, Object> scalar(Class<?> raw) {
        if (raw == String.class || raw == char.class || raw == Character.class || raw == CharSequence.class) {
            return map("type", "string");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return map("type", "boolean");
        }
        if (raw == int.class
                || raw == Integer.class
                || raw == short.class
                || raw == Short.class
                || raw == byte.class
                || raw == Byte.class) {
            return map("type", "integer", "format", "int32");
        }
        if (raw == long.class || raw == Long.class || raw == BigInteger.class) {
            return map("type", "integer", "format", "int64");
        }
        if (raw == double.class
                || raw == Double.class
                || raw == float.class
                || raw == Float.class
                || raw == BigDecimal.class) {
            return map("type", "number");
        }
        if (raw == byte[].class) {
            return map("type", "string", "contentEncoding", "base64");
        }
        return format(raw);
    }

    private static @Nullable Map<String, Object> format(Class<?> raw) {
        @Nullable String format = raw == Instant.class || raw == OffsetDateTime.class
                ? "date-time"
                : raw == LocalDate.class
                        ? "date"
                        : raw == Duration.class
                                ? "duration"
                                : raw == UUID.class
                                        ? "uuid"
                                        : raw == URI.class ? "uri" : raw == LocalDateTime.class ? "" : null;
        if (format == null) {
            return null;
        }
        return format.isEmpty() ? map("type", "string") : map("type", "string", "format", format);
    }

    /** {@code io.portcullis.tenancy.internal.Views$Member} is {@code tenancy.Views.Member}. */
    static String baseName(Class<?> type) {
        String name = type.getName().replace('$', '.');
        if (name.startsWith("io.portcullis.")) {
            name = name.substring("io.portcullis.".length());
        }
        return name.replace(".internal.", ".").replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
