package io.portcullis.example.linkcheck.internal;

/**
 * Writes JSON string literals. The result of this tool is three fields, so a JSON library would be
 * one more jar to embed (and to have scanned) for a dozen lines of code.
 */
final class JsonText {

    private JsonText() {}

    /** {@code text} as a quoted JSON string, with quotes, backslashes and control characters escaped. */
    static String string(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
