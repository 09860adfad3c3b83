package io.portcullis.store.internal;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Builds the embedded database's JDBC URL, and makes JDBC URLs and driver messages safe to print.
 * Public only so that the benchmarks can open H2 exactly as the store does; the package is not exported.
 */
public final class JdbcUrls {

    /** {@code //user:secret@host} in PostgreSQL-style URLs. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/?#;]*@");

    /** {@code ?password=x}, {@code &sslpassword=x}, H2's {@code ;PASSWORD=x} and {@code ;FILE_PASSWORD=x}. */
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)([?&;][a-z_]*password=)[^&;]*");

    private JdbcUrls() {}

    /**
     * The embedded database in {@code folder} as a production user expects it: a file (no
     * {@code AUTO_SERVER}, so no second process opens it behind the server's back), lock waits of 10 s
     * instead of H2's 1 s, and unquoted names folded to lower case as PostgreSQL does, so the same SQL
     * names the same objects on both engines. The store closes the pool on shutdown, hence no H2
     * shutdown hook racing it.
     *
     * <p>{@code WRITE_DELAY=0}: by default H2 writes committed changes to the file up to 500 ms later,
     * from a background thread, so a {@code kill -9} loses what was acknowledged in that window (an
     * audit record, say). With 0 the MVStore writes its changes to the file when a transaction commits
     * (H2 2.x, {@code TransactionStore.endTransaction} stores when the auto-commit delay is 0). That
     * survives the process being killed; it does not force the operating system to flush its cache, so
     * a power loss can still lose the last commits: PostgreSQL is the engine for that. Written is not
     * yet found: after a kill H2 may open an older version of the file; {@link H2Recovery} prevents it.
     */
    public static String embeddedH2(Path folder) {
        return "jdbc:h2:file:" + folder.resolve("portcullis")
                + ";AUTO_SERVER=FALSE;LOCK_TIMEOUT=10000;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

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
