package io.portcullis.store.internal;

import java.util.regex.Pattern;

/** Makes JDBC URLs and driver messages safe to print. */
final class JdbcUrls {

    /** {@code //user:secret@host} in PostgreSQL-style URLs. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/?#;]*@");

    /** {@code ?password=x}, {@code &sslpassword=x}, H2's {@code ;PASSWORD=x} and {@code ;FILE_PASSWORD=x}. */
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;][a-z_]*password=)[^&;]*");

    private JdbcUrls() {}

    /** The URL with any user info and password parameter replaced by {@code ***}. */
    static String redact(String url) {
        String withoutUser = USER_INFO.matcher(url).replaceAll("//***@");
        return PASSWORD_PARAM.matcher(withoutUser).replaceAll("$1***");
    }

    /**
     * One line of {@code text} (a driver's message, say) with {@code secret} masked, in case a driver
     * ever echoes it back.
     */
    static String oneLine(String text, String secret) {
        String line = text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
        return secret.isEmpty() ? line : line.replace(secret, "***");
    }
}
