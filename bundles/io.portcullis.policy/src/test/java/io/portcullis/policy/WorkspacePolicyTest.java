package io.portcullis.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.WorkspacePolicy.TaintMode;
import io.portcullis.policy.WorkspacePolicy.TaintedCalls;
import io.portcullis.spi.Risk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tainted-call rules and the version an approval is bound to. */
class WorkspacePolicyTest {

    private static WorkspacePolicy with(Map<String, Object> arguments, List<String> allow) {
        return new WorkspacePolicy(
                false,
                false,
                20,
                List.of(new WorkspacePolicy.AutoApproval("a.b", arguments)),
                allow,
                List.of(),
                List.of());
    }

    @Test
    void taintedCallsDefaultToAllowReadsAndApproveTheRest() {
        assertThat(WorkspacePolicy.DEFAULT.taintedCalls()).isEqualTo(TaintedCalls.DEFAULT);
        assertThat(TaintedCalls.DEFAULT.of(Risk.READ)).isEqualTo(TaintMode.ALLOW);
        assertThat(TaintedCalls.DEFAULT.of(Risk.WRITE)).isEqualTo(TaintMode.APPROVE);
        assertThat(TaintedCalls.DEFAULT.of(Risk.DESTRUCTIVE)).isEqualTo(TaintMode.APPROVE);
        assertThat(TaintMode.parse("deny")).isEqualTo(TaintMode.DENY);
        assertThat(TaintMode.parse("DENY")).isNull();
    }

    @Test
    void equalPoliciesHaveEqualVersionsAndAnyChangeGivesAnother() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", "x");
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", "x");
        ba.put("a", 1L); // another number class, the same value
        String version = with(ab, List.of("api.example.com")).version();

        assertThat(version).matches("[0-9a-f]{64}");
        assertThat(with(ba, List.of("api.example.com")).version()).isEqualTo(version);
        assertThat(with(Map.of("a", 2, "b", "x"), List.of("api.example.com")).version())
                .isNotEqualTo(version);
        assertThat(with(Map.of("a", "1", "b", "x"), List.of("api.example.com")).version())
                .as("a string is not the number it spells")
                .isNotEqualTo(version);
        assertThat(with(ab, List.of("api.example.com", "b.example.com")).version())
                .isNotEqualTo(version);
        assertThat(with(ab, List.of("api.example.com"))
                        .withTaintedCalls(new TaintedCalls(TaintMode.ALLOW, TaintMode.DENY, TaintMode.APPROVE))
                        .version())
                .isNotEqualTo(version);
        // Lengths come first: an entry cannot pass for two.
        assertThat(with(ab, List.of("a\",1\"b")).version())
                .isNotEqualTo(with(ab, List.of("a", "b")).version());
    }
}
