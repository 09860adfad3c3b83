package io.portcullis.web;

import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * Display names (of workspaces, members, keys, credentials, ...): NFC-normalised and stripped, 1 to
 * {@value #MAX} code points, none of them a control, formatting (zero-width, bidi override),
 * separator-line, private-use, unassigned or lone surrogate character. Errors name the field, never
 * echo the value.
 */
public final class Names {

    /** The most code points a name may have. */
    public static final int MAX = 100;

    private Names() {}

    /**
     * The name in {@code raw}, normalised; a 400 {@link ProblemException} naming {@code field} (such
     * as {@code owner.name}) when it is missing or breaks a rule.
     */
    public static String require(String field, @Nullable String raw) {
        if (raw == null) {
            throw ProblemException.badRequest("Field '" + field + "' is required.");
        }
        String name = Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX) {
            throw ProblemException.badRequest("Field '" + field + "' must be 1.." + MAX + " characters long.");
        }
        if (name.codePoints().anyMatch(Names::forbidden)) {
            throw ProblemException.badRequest(
                    "Field '" + field + "' must not contain control, formatting or unassigned characters.");
        }
        return name;
    }

    private static boolean forbidden(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> true;
            default -> false;
        };
    }
}
