package io.portcullis.vault.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import io.portcullis.web.RouteProvider;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The component without OSGi: a fake context, real H2, and every log line captured. */
class VaultKeysTest {

    static final byte[] AAD = "c1/v1".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path data;

    TestDatabase db;
    ListAppender<ILoggingEvent> logs;
    Logger root;
    Level rootLevel;
    final List<VaultKeys> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.h2("vault");
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        started.forEach(VaultKeys::deactivate);
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    VaultKeys start(FakeContext context, Map<String, String> env) {
        VaultKeys keys = new VaultKeys(context.context, db.database, env, true, 2, Rotation::ignore);
        started.add(keys);
        return keys;
    }

    byte[] seal(FakeContext context, String ws) throws Exception {
        WorkspaceKeys keys = (WorkspaceKeys) context.services.get(WorkspaceKeys.class);
        return db.database.inWorkspace(ws, c -> keys.seal(c, ws, "canary-value".getBytes(StandardCharsets.UTF_8), AAD));
    }

    @Test
    void registersWorkspaceKeysAndTheRotationRoutesAndUnregistersThemOnDeactivate() throws Exception {
        FakeContext context = new FakeContext(data);
        VaultKeys keys = start(context, Map.of());

        assertThat(keys.started()).isTrue();
        assertThat(context.services).containsOnlyKeys(WorkspaceKeys.class, RouteProvider.class);
        assertThat(data.resolve(MasterKeys.FILE)).exists();
        List<Route> routes = ((RouteProvider) context.services.get(RouteProvider.class)).routes();
        assertThat(routes)
                .extracting(r -> r.method() + " " + r.path() + " " + r.access().permission())
                .containsExactlyInAnyOrder(
                        "POST /api/v1/vault/master-key/rotation platform:vault:write",
                        "GET /api/v1/vault/master-key/rotation platform:vault:read");
        assertThat(context.failures).isEmpty();

        keys.deactivate();

        assertThat(context.services).isEmpty();
    }

    @Test
    void refusesToStartWithTheWrongMasterKeyRegisteringNothing() throws Exception {
        String right = MasterKey.generate().base64();
        FakeContext first = new FakeContext(data);
        start(first, Map.of(MasterKeys.ENV, right));
        seal(first, "ws1");
        String rightId = MasterKeys.decode(right, "t").id();

        String wrong = MasterKey.generate().base64();
        FakeContext second = new FakeContext(data);
        VaultKeys refused = start(second, Map.of(MasterKeys.ENV, wrong));

        assertThat(refused.started()).isFalse();
        assertThat(second.services).isEmpty();
        assertThat(second.failures)
                .singleElement()
                .satisfies(reason -> assertThat(reason)
                        .startsWith("vault: the master key (id "
                                + MasterKeys.decode(wrong, "t").id() + ") cannot unwrap")
                        .contains("stored under key id " + rightId)
                        .doesNotContain(wrong)
                        .doesNotContain(right));

        FakeContext third = new FakeContext(data);
        assertThat(start(third, Map.of(MasterKeys.ENV, right)).started()).isTrue();
        assertThat(third.failures).isEmpty();
    }

    @Test
    void refusesABadEnvironmentKeyNamingTheVariable() {
        FakeContext context = new FakeContext(data);

        assertThat(start(context, Map.of(MasterKeys.ENV, "dG9vIHNob3J0")).started())
                .isFalse();

        assertThat(context.services).isEmpty();
        assertThat(context.failures)
                .singleElement()
                .asString()
                .startsWith("vault: PORTCULLIS_MASTER_KEY must be")
                .doesNotContain("dG9vIHNob3J0");
    }

    @Test
    void noMasterKeyEverAppearsInALogLine() throws Exception {
        FakeContext context = new FakeContext(data);
        start(context, Map.of());
        for (int i = 0; i < 5; i++) {
            seal(context, "ws" + i);
        }
        String generated = Files.readString(data.resolve(MasterKeys.FILE)).strip();
        RouteProvider routes = (RouteProvider) context.services.get(RouteProvider.class);
        ApiResponse accepted = routes.routes().get(0).handler().handle(null);
        assertThat(accepted.status()).isEqualTo(202);
        String next = Files.readString(data.resolve(MasterKeys.NEXT_FILE)).strip();
        RotationProgress progress = (RotationProgress) accepted.body();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (progress.running() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            progress = (RotationProgress)
                    routes.routes().get(1).handler().handle(null).body();
        }
        assertThat(progress.state()).isEqualTo("completed");
        start(new FakeContext(data), Map.of(MasterKeys.ENV, MasterKey.generate().base64())); // refused: wrong key

        List<String> lines = logs.list.stream()
                .map(e -> e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        assertThat(lines).anyMatch(line -> line.contains("BACK THIS FILE UP"));
        String nextId = MasterKeys.decode(next, "t").id();
        assertThat(lines).anyMatch(line -> line.contains(nextId));
        for (String secret : List.of(generated, next)) {
            byte[] raw = Base64.getDecoder().decode(secret);
            String hex = HexFormat.of().formatHex(raw);
            assertThat(lines)
                    .noneMatch(line -> line.contains(secret)
                            || line.toLowerCase().contains(hex)
                            || line.contains(
                                    Base64.getUrlEncoder().withoutPadding().encodeToString(raw)));
        }
    }
}
