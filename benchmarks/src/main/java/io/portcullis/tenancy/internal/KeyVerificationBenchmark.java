package io.portcullis.tenancy.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.store.internal.BenchmarkDatabases;
import io.portcullis.tenancy.Role;
import io.portcullis.web.Caller;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * API key verification per call, with 10,000 valid keys presented in turn (shuffled), through the
 * tenancy bundle's own classes ({@link ApiKeyToken}, {@link SecretHash}, {@link KeyLookup},
 * {@link KeyAuthenticator}); in their package because they are internal.
 *
 * <ul>
 *   <li>{@code parseOnly}, {@code sha256AndCompareOnly}: the two CPU parts alone.
 *   <li>{@code verifyInMemoryMap10k}: parse + SHA-256 + constant-time compare, the stored hash taken
 *       from a map of 10k ids to hashes. Production has no such map (nothing is cached, so a revoked
 *       key fails on its next request): this is the floor a cache would give, not the server's cost.
 *   <li>{@code verifyKeyLookupH2}: parse + {@link KeyLookup#find} (one transaction on the store's own
 *       {@code Transactions} over HikariCP, reading the key row and its member's role) + SHA-256 +
 *       compare, on in-memory H2 migrated with the bundle's SQL migrations and filled through its stores.
 *   <li>{@code authenticateShiroH2}: {@link KeyAuthenticator#authenticate}, the full production path
 *       (Shiro subject and realm, the lookup above, last-use throttle) on the same database. Each key's
 *       {@code last_used_at} is written at most once a minute; set-up authenticates every key once, so
 *       the measured calls (within that minute) make no write.
 * </ul>
 *
 * <p>The two H2 benchmarks warm up longer (5 × 2 s): H2's code paths take longer to compile.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class KeyVerificationBenchmark {

    static final int KEYS = 10_000;
    static final int WORKSPACES = 100;

    /** Which of the presented keys the next call uses. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int next() {
            int i = next;
            next = i + 1 == KEYS ? 0 : i + 1;
            return i;
        }
    }

    /** 10k keys that exist only in memory, with a map of key id to the SHA-256 of its secret. */
    @State(Scope.Benchmark)
    public static class InMemoryKeys {
        String[] presented;
        ApiKeyToken[] tokens;
        byte[][] hashes;
        Map<String, byte[]> storedHashesById;

        @Setup(Level.Trial)
        public void setUp() {
            tokens = new ApiKeyToken[KEYS];
            presented = new String[KEYS];
            hashes = new byte[KEYS][];
            storedHashesById = new HashMap<>();
            for (int i = 0; i < KEYS; i++) {
                ApiKeyToken token = ApiKeyToken.generate(Ids.next());
                tokens[i] = token;
                presented[i] = token.value();
                hashes[i] = SecretHash.of(token.secret());
                storedHashesById.put(token.id(), hashes[i]);
            }
            for (int i = 0; i < KEYS; i++) {
                check(verifyInMemory(this, presented[i]), "in-memory verification rejected a valid key");
            }
            check(!verifyInMemory(this, tampered(presented[0])), "in-memory verification accepted a wrong secret");
        }
    }

    /** 10k keys in 100 workspaces on in-memory H2, made by the bundle's stores. */
    @State(Scope.Benchmark)
    public static class H2Keys {
        HikariDataSource pool;
        Database database;
        KeyLookup lookup;
        KeyAuthenticator authenticator;
        Clock clock;
        String[] presented;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            HikariConfig config = new HikariConfig();
            config.setPoolName("portcullis");
            // The store's embedded-H2 options, in memory instead of in a file; its default pool size.
            config.setJdbcUrl(
                    "jdbc:h2:mem:key_verification;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000;DATABASE_TO_LOWER=TRUE");
            config.setMaximumPoolSize(10);
            pool = new HikariDataSource(config);
            migrate(pool);
            database = BenchmarkDatabases.transactions(Engine.H2, pool);
            clock = Clock.systemUTC();

            WorkspaceStore workspaces = new WorkspaceStore(database, clock);
            ApiKeyStore keys = new ApiKeyStore(database, clock);
            List<String> values = new ArrayList<>(KEYS);
            for (int w = 0; w < WORKSPACES; w++) {
                WorkspaceStore.Created created = workspaces.create("bench " + w, "owner " + w);
                values.add(created.key().token().value());
                for (int k = 1; k < KEYS / WORKSPACES; k++) {
                    ApiKeyStore.Spec spec = new ApiKeyStore.Spec(
                            "key " + k, Role.OPERATOR, null, created.owner().id());
                    values.add(keys.create(
                                    created.workspace().id(),
                                    new ApiKeyStore.Maker(
                                            Role.OWNER, created.owner().id()),
                                    spec)
                            .token()
                            .value());
                }
            }
            Collections.shuffle(values, new Random(42));
            presented = values.toArray(String[]::new);

            lookup = new KeyLookup(database);
            authenticator = new KeyAuthenticator(
                    lookup,
                    AdminKey.of(ApiKeyToken.generate(Ids.next())),
                    KeyAuthenticator.lastUsed(database, clock),
                    clock);
            for (int i = 0; i < 100; i++) {
                check(verifyWithLookup(this, presented[i]), "KeyLookup verification rejected a valid key");
                check(authenticator.authenticate(presented[i]).isPresent(), "KeyAuthenticator rejected a valid key");
            }
            // Every key's first use writes last_used_at; do those writes now so that the measured calls,
            // well within the minute, are the steady state of a key in use (no write).
            for (String key : presented) {
                check(authenticator.authenticate(key).isPresent(), "KeyAuthenticator rejected a valid key");
            }
            check(!verifyWithLookup(this, tampered(presented[0])), "KeyLookup verification accepted a wrong secret");
            check(
                    authenticator.authenticate(tampered(presented[0])).isEmpty(),
                    "KeyAuthenticator accepted a wrong secret");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            authenticator.close();
            pool.close();
        }
    }

    @Benchmark
    public Optional<ApiKeyToken> parseOnly(InMemoryKeys keys, Cursor cursor) {
        return ApiKeyToken.parse(keys.presented[cursor.next()]);
    }

    @Benchmark
    public boolean sha256AndCompareOnly(InMemoryKeys keys, Cursor cursor) {
        int i = cursor.next();
        return SecretHash.matches(keys.tokens[i].secret(), keys.hashes[i]);
    }

    @Benchmark
    public boolean verifyInMemoryMap10k(InMemoryKeys keys, Cursor cursor) {
        return verifyInMemory(keys, keys.presented[cursor.next()]);
    }

    @Benchmark
    @Warmup(iterations = 5, time = 2)
    public boolean verifyKeyLookupH2(H2Keys keys, Cursor cursor) throws SQLException {
        return verifyWithLookup(keys, keys.presented[cursor.next()]);
    }

    @Benchmark
    @Warmup(iterations = 5, time = 2)
    public Optional<Caller> authenticateShiroH2(H2Keys keys, Cursor cursor) {
        return keys.authenticator.authenticate(keys.presented[cursor.next()]);
    }

    /** Parse, hash and compare against the map (a dummy hash for an unknown id, as the realm does). */
    static boolean verifyInMemory(InMemoryKeys keys, String presented) {
        Optional<ApiKeyToken> token = ApiKeyToken.parse(presented);
        if (token.isEmpty()) {
            return false;
        }
        byte[] stored = keys.storedHashesById.getOrDefault(token.get().id(), SecretHash.DUMMY);
        return SecretHash.matches(token.get().secret(), stored);
    }

    /** Parse, {@link KeyLookup#find}, hash and compare: the realm's steps without Shiro around them. */
    static boolean verifyWithLookup(H2Keys keys, String presented) throws SQLException {
        Optional<ApiKeyToken> token = ApiKeyToken.parse(presented);
        if (token.isEmpty()) {
            return false;
        }
        Optional<KeyLookup.Candidate> candidate = keys.lookup.find(token.get().id(), Jdbc.now(keys.clock));
        byte[] stored = candidate.isPresent() && candidate.get().usable()
                ? candidate.get().secretHash()
                : SecretHash.DUMMY;
        return SecretHash.matches(token.get().secret(), stored);
    }

    /** The same key with the last secret character changed. */
    static String tampered(String key) {
        char last = key.charAt(key.length() - 1);
        return key.substring(0, key.length() - 1) + (last == '0' ? '1' : '0');
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static final Pattern MIGRATION = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__.*\\.sql");

    /**
     * The bundle's schema as the store makes it on H2: schema {@code tenancy}, then the common scripts of
     * {@code db/migration} and those of {@code db/migration/h2} (if any) in version order, run with plain
     * JDBC from the bundle's own jar or classes folder.
     */
    static void migrate(HikariDataSource pool) throws IOException, URISyntaxException, SQLException {
        Map<List<Integer>, String> scripts = new TreeMap<>(KeyVerificationBenchmark::compareVersions);
        Path location = Path.of(KeyLookup.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        if (Files.isDirectory(location)) {
            readScripts(location.resolve("db/migration"), scripts);
        } else {
            try (FileSystem jar = FileSystems.newFileSystem(location)) {
                readScripts(jar.getPath("/db/migration"), scripts);
            }
        }
        check(!scripts.isEmpty(), "no tenancy migrations found at " + location);
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA tenancy");
            statement.execute("SET SCHEMA tenancy");
            for (String sql : scripts.values()) {
                statement.execute(sql);
            }
            statement.execute("SET SCHEMA public");
        }
    }

    private static void readScripts(Path common, Map<List<Integer>, String> scripts) throws IOException {
        for (Path folder : List.of(common, common.resolve("h2"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Matcher name = MIGRATION.matcher(file.getFileName().toString());
                    if (!name.matches()) {
                        continue;
                    }
                    List<Integer> version = Stream.of(name.group(1).split("[._]"))
                            .map(Integer::valueOf)
                            .toList();
                    check(scripts.put(version, Files.readString(file)) == null, "two migrations of version " + version);
                }
            }
        }
    }

    private static int compareVersions(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = Integer.compare(i < a.size() ? a.get(i) : 0, i < b.size() ? b.get(i) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
