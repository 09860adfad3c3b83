package io.portcullis.policy.internal.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.Decision;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.Risk;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicySnapshotTest {

    private final PolicySnapshot snapshot = new PolicySnapshot(
            List.of(new PolicySnapshot.ActivePlugin("tool.http", 20, Set.of("net.egress"), Set.of("ws-a", "ws-ro"))),
            Map.of("ws-ro", new WorkspacePolicy(true, false, 20, List.of(), List.of(), List.of(), List.of())));

    @Test
    void anActiveEnabledPluginMayActAtEveryRiskInANormalWorkspace() {
        for (Risk risk : Risk.values()) {
            assertThat(snapshot.decide("tool.http", "ws-a", risk)).isEqualTo(Decision.ALLOW);
        }
    }

    @Test
    void anUnknownOrInactivePluginMayNot() {
        assertThat(snapshot.decide("tool.other", "ws-a", Risk.READ)).isEqualTo(Decision.PLUGIN_NOT_ACTIVE);
        assertThat(PolicySnapshot.EMPTY.decide("tool.http", "ws-a", Risk.READ)).isEqualTo(Decision.PLUGIN_NOT_ACTIVE);
    }

    @Test
    void activeMeansGrantedAndStartedWhateverTheWorkspace() {
        assertThat(snapshot.isActive("tool.http")).isTrue();
        assertThat(snapshot.isActive("tool.other")).isFalse();
        assertThat(PolicySnapshot.EMPTY.isActive("tool.http")).isFalse();
    }

    @Test
    void aWorkspaceThatDidNotEnableThePluginIsRefused() {
        assertThat(snapshot.decide("tool.http", "ws-b", Risk.READ)).isEqualTo(Decision.NOT_ENABLED);
    }

    @Test
    void readOnlyModeRefusesWritesAndDestructionButNotReads() {
        assertThat(snapshot.decide("tool.http", "ws-ro", Risk.READ)).isEqualTo(Decision.ALLOW);
        assertThat(snapshot.decide("tool.http", "ws-ro", Risk.WRITE)).isEqualTo(Decision.READ_ONLY);
        assertThat(snapshot.decide("tool.http", "ws-ro", Risk.DESTRUCTIVE)).isEqualTo(Decision.READ_ONLY);
    }

    @Test
    void aWorkspaceWithoutAPolicyHasTheDefault() {
        assertThat(snapshot.policy("ws-a")).isEqualTo(WorkspacePolicy.DEFAULT);
        assertThat(snapshot.policy("ws-ro").readOnly()).isTrue();
    }

    @Test
    void scopesAndBundlesAreThoseOfTheActiveGrant() {
        assertThat(snapshot.holds("tool.http", "net.egress")).isTrue();
        assertThat(snapshot.holds("tool.http", "vault.use")).isFalse();
        assertThat(snapshot.holds("tool.other", "net.egress")).isFalse();
        assertThat(snapshot.pluginOf(20)).isEqualTo("tool.http");
        assertThat(snapshot.pluginOf(21)).isNull();
    }
}
