package io.portcullis.policy.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.policy.internal.plugins.Grant;
import io.portcullis.policy.internal.plugins.PluginRecord;
import io.portcullis.policy.internal.plugins.PluginStatus;
import io.portcullis.policy.internal.scan.Finding;
import io.portcullis.store.Engine;
import io.portcullis.store.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plugins, grants, enablements and workspace policies, the same on every engine. */
abstract class PolicyStoreContract {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final String SHA_1 = "a".repeat(64);
    static final String SHA_2 = "b".repeat(64);

    private final Engine engine;
    TestDatabase db;
    PluginStore plugins;
    WorkspaceSettings settings;
    Snapshots snapshots;

    PolicyStoreContract(Engine engine) {
        this.engine = engine;
    }

    @BeforeEach
    void open() throws Exception {
        db = TestDatabase.of(engine, "policy");
        plugins = new PluginStore(db.database);
        settings = new WorkspaceSettings(db.database);
        snapshots = new Snapshots(db.database);
    }

    static PluginRecord plugin(String id, String sha, PluginStatus status) {
        Finding finding =
                new Finding("lib/x.jar", "com.example.X", "run()V", "java.io.File.delete", "file", "fs.workspace");
        return new PluginRecord(
                id,
                "1.0.0",
                "tool",
                sha,
                "file:/deploy/" + id + ".jar",
                "deploy",
                status,
                Set.of("net.egress", "fs.workspace"),
                null,
                List.of(finding),
                List.of("reason one"),
                T0,
                T0);
    }

    @Test
    void aSavedPluginReadsBackWhole() throws Exception {
        PluginRecord saved = plugin("com.example.tool", SHA_1, PluginStatus.PENDING);
        plugins.save(saved);

        assertThat(plugins.find("com.example.tool")).contains(saved);
        assertThat(plugins.findByLocation("file:/deploy/com.example.tool.jar")).contains(saved);
        assertThat(plugins.list()).containsExactly(saved);
        assertThat(plugins.find("com.example.other")).isEmpty();
    }

    @Test
    void savingAgainReplacesTheRow() throws Exception {
        plugins.save(plugin("p", SHA_1, PluginStatus.PENDING));
        PluginRecord rejected = plugin("p", SHA_2, PluginStatus.PENDING)
                .withStatus(PluginStatus.REJECTED, List.of("bad"), null, T0.plusSeconds(5));
        plugins.save(rejected);

        assertThat(plugins.list()).containsExactly(rejected);
    }

    @Test
    void aGrantAppliesToItsExactJarOnlyUntilRevoked() throws Exception {
        plugins.save(plugin("p", SHA_1, PluginStatus.PENDING));
        Grant grant = plugins.grant(new Grant("p", "1.0.0", SHA_1, Set.of("net.egress", "fs.workspace"), "admin", T0));

        assertThat(plugins.find("p").orElseThrow().grant()).isEqualTo(grant);
        assertThat(grant.covers(plugins.find("p").orElseThrow())).isTrue();

        plugins.save(plugin("p", SHA_2, PluginStatus.PENDING)); // a new jar under the same name
        assertThat(plugins.find("p").orElseThrow().grant()).isNull();

        plugins.save(plugin("p", SHA_1, PluginStatus.PENDING));
        assertThat(plugins.revoke("p", "admin", T0.plusSeconds(1)).grants()).isEqualTo(1);
        assertThat(plugins.find("p").orElseThrow().grant()).isNull();
        assertThat(plugins.revoke("p", "admin", T0.plusSeconds(2)).grants()).isZero();
    }

    @Test
    void revokingDropsEveryWorkspacesEnablementAndANewGrantRestoresNone() throws Exception {
        plugins.save(plugin("p", SHA_1, PluginStatus.ACTIVE));
        plugins.grant(new Grant("p", "1.0.0", SHA_1, Set.of("net.egress"), "admin", T0));
        settings.enable(new Enablement("ws-b", "p", "bob", T0));
        settings.enable(new Enablement("ws-a", "p", "alice", T0));
        settings.enable(new Enablement("ws-b", "q", "bob", T0));

        PluginStore.Revocation revocation = plugins.revoke("p", "admin", T0.plusSeconds(1));

        assertThat(revocation.disabledIn()).containsExactly("ws-a", "ws-b");
        assertThat(settings.enablements("ws-a")).isEmpty();
        assertThat(settings.enablements("ws-b"))
                .extracting(Enablement::pluginId)
                .containsExactly("q");
        plugins.grant(new Grant("p", "1.0.0", SHA_1, Set.of("net.egress"), "admin", T0.plusSeconds(2)));
        assertThat(plugins.find("p").orElseThrow().grant()).isNotNull();
        assertThat(settings.enablements("ws-a"))
                .as("a new grant enables it nowhere")
                .isEmpty();
        assertThat(snapshots.load().enablements())
                .extracting(Enablement::pluginId)
                .containsExactly("q");
    }

    @Test
    void deletingAPluginRevokesItsGrantAndDropsEveryWorkspacesEnablement() throws Exception {
        plugins.save(plugin("p", SHA_1, PluginStatus.ACTIVE));
        plugins.grant(new Grant("p", "1.0.0", SHA_1, Set.of("net.egress", "fs.workspace"), "admin", T0));
        settings.enable(new Enablement("ws-a", "p", "alice", T0));
        settings.enable(new Enablement("ws-b", "p", "bob", T0));
        settings.enable(new Enablement("ws-b", "q", "bob", T0));

        plugins.delete("p", "admin", T0.plusSeconds(1));
        plugins.save(plugin("p", SHA_1, PluginStatus.PENDING)); // the same jar comes back

        assertThat(plugins.find("p").orElseThrow().grant()).isNull();
        assertThat(settings.enablements("ws-a")).isEmpty();
        assertThat(settings.enablements("ws-b"))
                .extracting(Enablement::pluginId)
                .containsExactly("q");
    }

    @Test
    void enablementsBelongToTheirWorkspace() throws Exception {
        settings.enable(new Enablement("ws-a", "p", "alice", T0));
        settings.enable(new Enablement("ws-a", "p", "mallory", T0.plusSeconds(9))); // kept as it was

        assertThat(settings.enablements("ws-a")).containsExactly(new Enablement("ws-a", "p", "alice", T0));
        assertThat(settings.enablements("ws-b")).isEmpty();
        assertThat(settings.disable("ws-b", "p")).isFalse();
        assertThat(settings.disable("ws-a", "p")).isTrue();
        assertThat(settings.enablements("ws-a")).isEmpty();
    }

    static WorkspacePolicy readOnly(boolean on) {
        return new WorkspacePolicy(on, false, 20, List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void aPolicyIsPerWorkspaceAndDefaultUntilSet() throws Exception {
        assertThat(settings.policy("ws-a")).isEqualTo(WorkspacePolicy.DEFAULT);
        WorkspacePolicy full = new WorkspacePolicy(
                true,
                true,
                7,
                List.of(new WorkspacePolicy.AutoApproval("http.fetch", Map.of("method", "POST", "n", 2))),
                List.of("api.example.com"),
                List.of("*.evil.example"),
                List.of("10.1.0.0/16"),
                new WorkspacePolicy.TaintedCalls(
                        WorkspacePolicy.TaintMode.APPROVE,
                        WorkspacePolicy.TaintMode.DENY,
                        WorkspacePolicy.TaintMode.ALLOW));
        settings.setPolicy("ws-a", full, T0);

        assertThat(settings.policy("ws-a")).isEqualTo(full);
        assertThat(settings.policy("ws-a").version())
                .as("the version of the stored policy is the version of the one set")
                .isEqualTo(full.version())
                .isNotEqualTo(WorkspacePolicy.DEFAULT.version());
        assertThat(settings.policy("ws-b")).isEqualTo(WorkspacePolicy.DEFAULT);
        settings.setPolicy("ws-a", readOnly(false), T0);
        assertThat(settings.policy("ws-a")).isEqualTo(readOnly(false));
    }

    @Test
    void aDocumentStoredBeforeTaintedCallsExistedReadsWithTheDefaultRules() throws Exception {
        settings.setPolicy("ws-a", readOnly(true), T0);
        db.database.inWorkspace(
                "ws-a",
                c -> io.portcullis.store.Jdbc.update(
                        c,
                        "UPDATE policy.workspace_policies SET document = ? WHERE workspace_id = ?",
                        "{\"fourEyes\":true,\"maxToolCallsPerRun\":9}",
                        "ws-a"));

        WorkspacePolicy read = settings.policy("ws-a");
        assertThat(read.taintedCalls()).isEqualTo(WorkspacePolicy.TaintedCalls.DEFAULT);
        assertThat(read.fourEyes()).isTrue();
        assertThat(read.maxToolCallsPerRun()).isEqualTo(9);
    }

    @Test
    void theSnapshotReadsEveryWorkspace() throws Exception {
        settings.enable(new Enablement("ws-a", "p", "alice", T0));
        settings.enable(new Enablement("ws-b", "q", "bob", T0));
        settings.setPolicy("ws-b", readOnly(true), T0);
        settings.setPolicy("ws-c", readOnly(false), T0);

        Snapshots.WorkspaceRows rows = snapshots.load();

        assertThat(rows.enablements()).extracting(Enablement::workspaceId).containsExactlyInAnyOrder("ws-a", "ws-b");
        assertThat(rows.policies()).containsOnlyKeys("ws-b", "ws-c");
        assertThat(rows.policies().get("ws-b").readOnly()).isTrue();
    }

    @Test
    void deletingAWorkspaceDropsOnlyItsRows() throws Exception {
        settings.enable(new Enablement("ws-a", "p", "alice", T0));
        settings.enable(new Enablement("ws-b", "p", "bob", T0));
        settings.setPolicy("ws-a", readOnly(true), T0);

        db.database.inWorkspace("ws-a", c -> {
            WorkspaceSettings.deleteWorkspace(c, "ws-a");
            return null;
        });

        assertThat(settings.enablements("ws-a")).isEmpty();
        assertThat(settings.policy("ws-a")).isEqualTo(WorkspacePolicy.DEFAULT);
        assertThat(settings.enablements("ws-b")).hasSize(1);
    }

    @Test
    void concurrentUpdatesOfOnePolicyAreAllKept() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<WorkspacePolicy>> done = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String host = "h" + i + ".example.com";
                done.add(pool.submit(() -> {
                    start.await();
                    return settings.updatePolicy("ws-a", current -> withHost(current, host), T0);
                }));
            }
            start.countDown();
            for (Future<WorkspacePolicy> each : done) {
                each.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(settings.policy("ws-a").allowHosts())
                .as("every read-modify-write saw the one before it")
                .hasSize(writers);
    }

    @Test
    void anUpdateThatThrowsChangesNothing() throws Exception {
        settings.setPolicy("ws-a", readOnly(true), T0);

        assertThatThrownBy(() -> settings.updatePolicy(
                        "ws-a",
                        current -> {
                            throw new IllegalArgumentException("refused");
                        },
                        T0))
                .hasMessage("refused");

        assertThat(settings.policy("ws-a")).isEqualTo(readOnly(true));
        assertThat(settings.updatePolicy("ws-b", current -> readOnly(true), T0)).isEqualTo(readOnly(true));
        assertThat(settings.policy("ws-b")).isEqualTo(readOnly(true));
    }

    private static WorkspacePolicy withHost(WorkspacePolicy p, String host) {
        List<String> hosts = new ArrayList<>(p.allowHosts());
        hosts.add(host);
        return new WorkspacePolicy(
                p.readOnly(),
                p.fourEyes(),
                p.maxToolCallsPerRun(),
                p.autoApprove(),
                hosts,
                p.denyHosts(),
                p.privateCidrs());
    }
}
