package io.portcullis.policy.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.policy.internal.plugins.PluginException;
import io.portcullis.policy.internal.plugins.PluginException.Reason;
import io.portcullis.web.ProblemException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every refusal of the gate has its status, and its message reaches the caller as the detail. */
class FailuresTest {

    @Test
    void eachReasonHasItsStatusAndKeepsItsMessage() {
        Map<Reason, Integer> statuses = Map.of(
                Reason.NOT_FOUND,
                404,
                Reason.CONFLICT,
                409,
                Reason.INVALID,
                400,
                Reason.TOO_LARGE,
                413,
                Reason.UNAVAILABLE,
                503);

        assertThat(statuses).containsOnlyKeys(Reason.values());
        statuses.forEach((reason, status) -> {
            ProblemException problem = Failures.problem(new PluginException(reason, "why " + reason));
            assertThat(problem.status()).as(reason.name()).isEqualTo(status);
            assertThat(problem.detail()).isEqualTo("why " + reason);
        });
    }

    @Test
    void aCallThatSucceedsAnswersAndOneThatIsRefusedThrowsTheProblem() {
        assertThat(Failures.call(() -> "fine")).isEqualTo("fine");

        ProblemException problem = ApiFixture.problem(() -> Failures.run(() -> {
            throw new PluginException(Reason.CONFLICT, "Plugin 'x' is not active.");
        }));

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.title()).isEqualTo("Conflict");
    }
}
