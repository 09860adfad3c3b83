package io.portcullis.vault.internal.credentials;

import io.portcullis.web.ProblemException;
import java.text.Normalizer;
import org.jspecify.annotations.Nullable;

/**
 * Credential names, by tenancy's rules for display names: NFC-normalised and stripped, 1 to 100 code
 * points, none of them a control, formatting (zero-width, bidi override), separator-line, private-use,
 * unassigned or lone surrogate character. Errors name the field, never echo the value.
 */
final class Names {

    static final int MAX = 100;

    private Names() {}

    static String require(String field, @Nullable String raw) {
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
