package io.portcullis.policy.internal.plugins;

import io.portcullis.policy.Decision;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.Risk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-call decision "may this plugin act for this workspace at this risk?" (issue goal: p50 ≤ 1 µs,
 * no allocation, ≥ 5× faster than jCasbin): {@link PolicySnapshot#decide} against the same decision as
 * jCasbin RBAC-with-domains rules, on the same population and the same queries, in the same run. Run it
 * with {@code benchmarks/policy-decision.sh}, which adds {@code -prof gc} for the bytes per call.
 *
 * <p>Population: {@value #PLUGINS} plugins of which {@value #ACTIVE} are active, {@value #WORKSPACES}
 * workspaces (one in ten read-only), each active plugin enabled in {@value #ENABLED_PER_PLUGIN} of them.
 * A ring of {@value #RING} pre-drawn queries (70 % allowed, 10 % not enabled, 10 % write or destructive in
 * a read-only workspace, 10 % inactive plugin) is read in turn, so a call only indexes an array. The
 * ring's ids are copies, not the snapshot's instances, so {@code equals} compares characters as it does
 * for ids parsed from a request.
 *
 * <p>Casbin rules: {@code g, <plugin>, enabled, <workspace>} per enablement of an active plugin and
 * {@code p, enabled, <workspace>, <risk>, call} for every risk a workspace allows ({@code read} only when
 * read-only). Set-up checks both give the same answer on every query of the ring, and that the snapshot
 * gives the reason the query was drawn for: a race between two different decisions would be worthless.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PolicyDecisionBenchmark {

    static final int PLUGINS = 200;
    static final int ACTIVE = 150;
    static final int WORKSPACES = 2_000;
    static final int ENABLED_PER_PLUGIN = 100;
    static final int RING = 4_096;
    static final String ENABLED = "enabled";
    static final String CALL = "call";

    @State(Scope.Thread)
    public static class Population {
        PolicySnapshot snapshot;
        Enforcer casbin;
        Enforcer casbinCompact;
        final String[] plugins = new String[RING];
        final String[] workspaces = new String[RING];
        final Risk[] risks = new Risk[RING];
        final String[] riskIds = new String[RING];
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            Random random = new Random(20_261_122);
            List<String> workspaceIds = new ArrayList<>();
            for (int i = 0; i < WORKSPACES; i++) {
                byte[] id = new byte[12];
                random.nextBytes(id);
                workspaceIds.add(HexFormat.of().formatHex(id));
            }
            Set<String> readOnly = new HashSet<>();
            while (readOnly.size() < WORKSPACES / 10) {
                readOnly.add(pick(random, workspaceIds));
            }
            List<PolicySnapshot.ActivePlugin> active = new ArrayList<>();
            for (int i = 0; i < ACTIVE; i++) {
                Set<String> enabledIn = new HashSet<>();
                while (enabledIn.size() < ENABLED_PER_PLUGIN) {
                    enabledIn.add(pick(random, workspaceIds));
                }
                active.add(new PolicySnapshot.ActivePlugin(pluginId(i), 1_000 + i, Set.of("net.http"), enabledIn));
            }
            Map<String, WorkspacePolicy> policies = new HashMap<>();
            WorkspacePolicy readOnlyPolicy =
                    new WorkspacePolicy(true, false, 20, List.of(), List.of(), List.of(), List.of());
            readOnly.forEach(ws -> policies.put(ws, readOnlyPolicy));
            snapshot = new PolicySnapshot(active, policies);
            casbin = casbin(active, workspaceIds, readOnly);
            casbinCompact = casbinCompact(active, readOnly);
            for (int i = 0; i < RING; i++) {
                draw(random, i, active, workspaceIds, readOnly);
            }
        }

        /** Fills slot {@code i} with a query of a drawn kind and checks both answer what that kind means. */
        private void draw(
                Random random,
                int i,
                List<PolicySnapshot.ActivePlugin> active,
                List<String> workspaceIds,
                Set<String> readOnly) {
            int kind = random.nextInt(100);
            PolicySnapshot.ActivePlugin plugin = pick(random, active);
            Risk risk = Risk.values()[random.nextInt(3)];
            String workspace;
            Decision expected;
            if (kind < 70) {
                workspace = pick(random, List.copyOf(plugin.enabledIn()));
                risk = readOnly.contains(workspace) ? Risk.READ : risk;
                expected = Decision.ALLOW;
            } else if (kind < 80) {
                do {
                    workspace = pick(random, workspaceIds);
                } while (plugin.enabledIn().contains(workspace));
                expected = Decision.NOT_ENABLED;
            } else if (kind < 90) {
                List<String> readOnlyEnabled;
                do {
                    plugin = pick(random, active);
                    readOnlyEnabled = plugin.enabledIn().stream()
                            .filter(readOnly::contains)
                            .sorted()
                            .toList();
                } while (readOnlyEnabled.isEmpty());
                workspace = pick(random, readOnlyEnabled);
                risk = random.nextBoolean() ? Risk.WRITE : Risk.DESTRUCTIVE;
                expected = Decision.READ_ONLY;
            } else {
                workspace = pick(random, workspaceIds);
                expected = Decision.PLUGIN_NOT_ACTIVE;
            }
            String pluginId = expected == Decision.PLUGIN_NOT_ACTIVE
                    ? pluginId(ACTIVE + random.nextInt(PLUGINS - ACTIVE))
                    : plugin.id();
            plugins[i] = new String(pluginId);
            workspaces[i] = new String(workspace);
            risks[i] = risk;
            riskIds[i] = risk.id();
            Decision decided = snapshot.decide(plugins[i], workspaces[i], risk);
            boolean enforced = casbin.enforce(plugins[i], workspaces[i], riskIds[i], CALL);
            boolean compact = casbinCompact.enforce(plugins[i], workspaces[i], riskIds[i], CALL);
            if (decided != expected || enforced != decided.allowed() || compact != decided.allowed()) {
                throw new IllegalStateException("query " + i + " (" + plugins[i] + ", " + workspaces[i] + ", " + risk
                        + "): expected " + expected + ", snapshot " + decided + ", casbin " + enforced
                        + ", compact casbin " + compact);
            }
        }

        int advance() {
            int i = next;
            next = (i + 1) & (RING - 1);
            return i;
        }
    }

    @Benchmark
    public Decision snapshot(Population population) {
        int i = population.advance();
        return population.snapshot.decide(population.plugins[i], population.workspaces[i], population.risks[i]);
    }

    @Benchmark
    public boolean casbin(Population population) {
        int i = population.advance();
        return population.casbin.enforce(population.plugins[i], population.workspaces[i], population.riskIds[i], CALL);
    }

    @Benchmark
    public boolean casbinCompact(Population population) {
        int i = population.advance();
        return population.casbinCompact.enforce(
                population.plugins[i], population.workspaces[i], population.riskIds[i], CALL);
    }

    /**
     * The fairer baseline: the same decision with three {@code p} lines, the enablements as domain
     * roles and read-only workspaces as a second role relation tested in the matcher, so that Casbin
     * does not scan thousands of policy lines per call.
     */
    static Enforcer casbinCompact(List<PolicySnapshot.ActivePlugin> active, Set<String> readOnly) {
        Model model = Model.newModel();
        model.addDef("r", "r", "sub, dom, obj, act");
        model.addDef("p", "p", "sub, obj, act");
        model.addDef("g", "g", "_, _, _");
        model.addDef("g", "g2", "_, _");
        model.addDef("e", "e", "some(where (p.eft == allow))");
        model.addDef(
                "m",
                "m",
                "g(r.sub, p.sub, r.dom) && r.obj == p.obj && r.act == p.act"
                        + " && (r.obj == \"read\" || !g2(r.dom, \"read-only\"))");
        Enforcer enforcer = new Enforcer(model);
        enforcer.enableLog(false);
        List<List<String>> grouping = new ArrayList<>();
        for (PolicySnapshot.ActivePlugin plugin : active) {
            plugin.enabledIn().stream().sorted().forEach(ws -> grouping.add(List.of(plugin.id(), ENABLED, ws)));
        }
        check(enforcer.addGroupingPolicies(grouping), "casbin refused the grouping policies");
        for (String ws : readOnly) {
            check(enforcer.addNamedGroupingPolicy("g2", ws, "read-only"), "casbin refused a read-only workspace");
        }
        for (Risk risk : Risk.values()) {
            check(enforcer.addPolicy(ENABLED, risk.id(), CALL), "casbin refused a policy");
        }
        return enforcer;
    }

    /** The RBAC-with-domains model of the jCasbin documentation, in memory: the domain is the workspace. */
    static Enforcer casbin(List<PolicySnapshot.ActivePlugin> active, List<String> workspaceIds, Set<String> readOnly) {
        Model model = Model.newModel();
        model.addDef("r", "r", "sub, dom, obj, act");
        model.addDef("p", "p", "sub, dom, obj, act");
        model.addDef("g", "g", "_, _, _");
        model.addDef("e", "e", "some(where (p.eft == allow))");
        model.addDef("m", "m", "g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && r.act == p.act");
        Enforcer enforcer = new Enforcer(model);
        enforcer.enableLog(false);
        List<List<String>> grouping = new ArrayList<>();
        for (PolicySnapshot.ActivePlugin plugin : active) {
            plugin.enabledIn().stream().sorted().forEach(ws -> grouping.add(List.of(plugin.id(), ENABLED, ws)));
        }
        List<List<String>> policies = new ArrayList<>();
        for (String ws : workspaceIds) {
            for (Risk risk : readOnly.contains(ws) ? List.of(Risk.READ) : List.of(Risk.values())) {
                policies.add(List.of(ENABLED, ws, risk.id(), CALL));
            }
        }
        check(enforcer.addGroupingPolicies(grouping), "casbin refused the grouping policies");
        check(enforcer.addPolicies(policies), "casbin refused the policies");
        return enforcer;
    }

    static String pluginId(int i) {
        return String.format("com.vendor%03d.plugin", i);
    }

    static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
