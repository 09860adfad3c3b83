package io.portcullis.store.internal;

import io.portcullis.store.Engine;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Validated database settings: the configuration with the environment's overrides applied.
 *
 * @param h2Folder the folder holding the embedded H2 database when the default URL is in use (the
 *     store creates it), else null
 */
record StoreSettings(
        Engine engine,
        String url,
        String user,
        String password,
        int maxPoolSize,
        @Nullable Path h2Folder) {

    static final String ENV_URL = "PORTCULLIS_DB_URL";
    static final String ENV_USER = "PORTCULLIS_DB_USER";
    static final String ENV_PASSWORD = "PORTCULLIS_DB_PASSWORD";
    static final int MAX_POOL_SIZE = 1000;

    /**
     * Settings from the configuration, overridden by non-blank environment variables.
     *
     * @param dataDir the server's data folder; the default H2 database lives in its {@code db} folder
     * @throws StoreException naming the property or variable to fix; never quoting a password
     */
    static StoreSettings from(StoreConfig config, Map<String, String> env, Path dataDir) throws StoreException {
        String envUrl = env.getOrDefault(ENV_URL, "").strip();
        String url = envUrl.isEmpty() ? read("url", config::url).strip() : envUrl;
        String user = override(env, ENV_USER, read("user", config::user));
        String password = override(env, ENV_PASSWORD, read("password", config::password));
        int maxPoolSize = read("maxPoolSize", config::maxPoolSize);
        if (maxPoolSize < 1 || maxPoolSize > MAX_POOL_SIZE) {
            throw new StoreException(
                    "maxPoolSize of " + StoreConfig.PID + " must be 1.." + MAX_POOL_SIZE + ", was " + maxPoolSize);
        }
        if (url.isEmpty()) {
            Path folder = dataDir.toAbsolutePath().normalize().resolve("db");
            // The embedded database has no other users; H2 needs a name, "sa" is what its tools expect.
            return new StoreSettings(
                    Engine.H2, embeddedH2Url(folder), user.isEmpty() ? "sa" : user, password, maxPoolSize, folder);
        }
        String source = envUrl.isEmpty() ? "url of " + StoreConfig.PID : ENV_URL;
        return new StoreSettings(engineOf(url, source), url, user, password, maxPoolSize, null);
    }

    /** The embedded database in {@code folder}: see {@link JdbcUrls#embeddedH2}. */
    static String embeddedH2Url(Path folder) {
        return JdbcUrls.embeddedH2(folder);
    }

    private static Engine engineOf(String url, String source) throws StoreException {
        if (url.startsWith("jdbc:h2:")) {
            return Engine.H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return Engine.POSTGRESQL;
        }
        throw new StoreException(
                source + " must start with jdbc:h2: or jdbc:postgresql:, was '" + JdbcUrls.redact(url) + "'");
    }

    /** Configuration Admin values that cannot be converted fail when read: name the property, not the value. */
    private static <T> T read(String property, Supplier<T> value) throws StoreException {
        try {
            return value.get();
        } catch (RuntimeException e) {
            throw new StoreException(property + " of " + StoreConfig.PID + " has a value of the wrong type");
        }
    }

    private static String override(Map<String, String> env, String name, String configured) {
        String value = env.getOrDefault(name, "");
        return value.isBlank() ? configured : value;
    }

    /** The URL as it may be printed. */
    String safeUrl() {
        return JdbcUrls.redact(url);
    }

    @Override
    public String toString() {
        return "StoreSettings[engine=" + engine + ", url=" + safeUrl() + ", user=" + user + ", maxPoolSize="
                + maxPoolSize + "]";
    }
}
