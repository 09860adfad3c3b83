package io.portcullis.vault.internal.credentials;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The two JSON shapes the credential table stores as text: an object of string to string (metadata)
 * and an array of strings (allowed hosts). Written here rather than with Jackson's databind, which
 * the bundle does not import at run time; the reader accepts exactly what the writer produces (and
 * insignificant whitespace), and reports anything else as a corrupt column, never with its content.
 */
final class JsonText {

    private final String text;
    private int at;

    private JsonText(String text) {
        this.text = text;
    }

    static String object(Map<String, String> entries) {
        StringBuilder json = new StringBuilder("{");
        entries.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, key).append(':');
            quote(json, value);
        });
        return json.append('}').toString();
    }

    static String array(List<String> items) {
        StringBuilder json = new StringBuilder("[");
        for (String item : items) {
            if (json.length() > 1) {
                json.append(',');
            }
            quote(json, item);
        }
        return json.append(']').toString();
    }

    /** The object {@link #object} wrote, in its order. */
    static Map<String, String> parseObject(String column, String json) throws SQLException {
        JsonText reader = new JsonText(json);
        Map<String, String> entries = new LinkedHashMap<>();
        reader.expect(column, '{');
        if (!reader.consume('}')) {
            do {
                String key = reader.string(column);
                reader.expect(column, ':');
                entries.put(key, reader.string(column));
            } while (reader.consume(','));
            reader.expect(column, '}');
        }
        reader.end(column);
        return entries;
    }

    /** The array {@link #array} wrote. */
    static List<String> parseArray(String column, String json) throws SQLException {
        JsonText reader = new JsonText(json);
        List<String> items = new ArrayList<>();
        reader.expect(column, '[');
        if (!reader.consume(']')) {
            do {
                items.add(reader.string(column));
            } while (reader.consume(','));
            reader.expect(column, ']');
        }
        reader.end(column);
        return items;
    }

    private static StringBuilder quote(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    private String string(String column) throws SQLException {
        expect(column, '"');
        StringBuilder value = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c != '\\') {
                value.append(c);
            } else if (at < text.length()) {
                value.append(escaped(column, text.charAt(at++)));
            }
        }
        throw corrupt(column);
    }

    private char escaped(String column, char c) throws SQLException {
        switch (c) {
            case '"', '\\', '/' -> {
                return c;
            }
            case 'n' -> {
                return '\n';
            }
            case 'r' -> {
                return '\r';
            }
            case 't' -> {
                return '\t';
            }
            case 'b' -> {
                return '\b';
            }
            case 'f' -> {
                return '\f';
            }
            case 'u' -> {
                if (at + 4 > text.length()) {
                    throw corrupt(column);
                }
                try {
                    char decoded = (char) Integer.parseInt(text.substring(at, at + 4), 16);
                    at += 4;
                    return decoded;
                } catch (NumberFormatException e) {
                    throw corrupt(column);
                }
            }
            default -> throw corrupt(column);
        }
    }

    private boolean consume(char c) {
        skipSpace();
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(String column, char c) throws SQLException {
        if (!consume(c)) {
            throw corrupt(column);
        }
    }

    private void end(String column) throws SQLException {
        skipSpace();
        if (at != text.length()) {
            throw corrupt(column);
        }
    }

    private void skipSpace() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private static SQLException corrupt(String column) {
        return new SQLException("column " + column + " does not hold the JSON the vault writes");
    }
}
