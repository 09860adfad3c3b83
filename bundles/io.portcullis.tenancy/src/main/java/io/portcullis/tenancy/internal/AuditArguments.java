package io.portcullis.tenancy.internal;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The canonical text of an action's arguments, which the audit log only HMACs: a compact JSON
 * object, keys sorted, null values left out, so that equal arguments give equal text. Never pass a
 * secret (a key, a token): equal HMACs would still tell that two secrets are equal.
 */
final class AuditArguments {

    private AuditArguments() {}

    /** The object of {@code keysAndValues}: key, value, key, value, ... */
    static String of(@Nullable Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must come in pairs");
        }
        Map<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                sorted.put(String.valueOf(keysAndValues[i]), value.toString());
            }
        }
        StringBuilder json = new StringBuilder("{");
        sorted.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, key).append(':');
            quote(json, value);
        });
        return json.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }
}
