package io.portcullis.policy.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.policy.WorkspacePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON Merge Patch as RFC 7396 defines it, then applied to the policy document. */
class MergePatchTest {

    /** RFC 7396, Appendix A: original, patch, result. */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"a\":\"b\"}                  | {\"a\":\"c\"}              | {\"a\":\"c\"}",
                "{\"a\":\"b\"}                  | {\"b\":\"c\"}              | {\"a\":\"b\",\"b\":\"c\"}",
                "{\"a\":\"b\"}                  | {\"a\":null}               | {}",
                "{\"a\":\"b\",\"b\":\"c\"}      | {\"a\":null}               | {\"b\":\"c\"}",
                "{\"a\":[\"b\"]}                | {\"a\":\"c\"}              | {\"a\":\"c\"}",
                "{\"a\":\"c\"}                  | {\"a\":[\"b\"]}            | {\"a\":[\"b\"]}",
                "{\"a\":{\"b\":\"c\"}}          | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
                "{\"a\":[{\"b\":\"c\"}]}        | {\"a\":[1]}                | {\"a\":[1]}",
                "[\"a\",\"b\"]                  | [\"c\",\"d\"]              | [\"c\",\"d\"]",
                "{\"a\":\"b\"}                  | [\"c\"]                    | [\"c\"]",
                "{\"a\":\"foo\"}                | null                       | null",
                "{\"a\":\"foo\"}                | \"bar\"                    | \"bar\"",
                "{\"e\":null}                   | {\"a\":1}                  | {\"e\":null,\"a\":1}",
                "[1,2]                          | {\"a\":\"b\",\"c\":null}   | {\"a\":\"b\"}",
                "{}                             | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}"
            })
    void theRfcExamples(String original, String patch, String result) {
        JsonNode target = PolicyRoutesTest.read(original);
        JsonNode before = target.deepCopy();

        assertThat(MergePatch.apply(target, PolicyRoutesTest.read(patch))).isEqualTo(PolicyRoutesTest.read(result));
        assertThat(target).as("the target is not modified").isEqualTo(before);
    }

    @Test
    void onThePolicyAMemberLeftOutStaysNullResetsAndListsReplaceWhole() {
        WorkspacePolicy policy = new WorkspacePolicy(
                false,
                true,
                7,
                List.of(),
                List.of("a.example.com", "b.example.com"),
                List.of("evil.example.com"),
                List.of("10.1.0.0/16"));

        WorkspacePolicy patched = PolicyBody.withDefaults(MergePatch.apply(
                PolicyBody.json(policy),
                PolicyRoutesTest.read("{\"read_only\":true,\"four_eyes\":null,"
                        + "\"egress\":{\"allow_hosts\":[\"c.example.com\"],\"private_cidrs\":null}}")));

        assertThat(patched)
                .isEqualTo(new WorkspacePolicy(
                        true, false, 7, List.of(), List.of("c.example.com"), List.of("evil.example.com"), List.of()));
    }

    @Test
    void anEmptyPatchChangesNothing() {
        WorkspacePolicy policy = new WorkspacePolicy(
                true,
                true,
                3,
                List.of(new WorkspacePolicy.AutoApproval("http.fetch", java.util.Map.of("method", "GET"))),
                List.of("a.example.com"),
                List.of(),
                List.of("fd00::/8"));

        assertThat(PolicyBody.withDefaults(MergePatch.apply(PolicyBody.json(policy), PolicyRoutesTest.read("{}"))))
                .isEqualTo(policy);
    }
}
