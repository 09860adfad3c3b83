package io.portcullis.policy.internal.scan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The constant-name walk on hand-written instruction effects, for the cases javac samples rarely produce. */
class StackHistoryTest {

    private final StackHistory history = new StackHistory();

    @Test
    void aVoidCallBetweenTheConstantAndTheCallIsSteppedOver() {
        history.record(0, 1, true); // ldc "name"
        history.record(0, 1, false); // aload (argument of the void call)
        history.record(1, 0, false); // invokestatic consume(Object)V

        assertThat(history.isStringConstant(0)).isTrue();
    }

    @Test
    void aValueFromAnInstructionPushingSeveralIsNotAConstant() {
        history.record(0, 1, true); // ldc "name"
        history.record(1, 2, false); // dup

        assertThat(history.isStringConstant(0)).isFalse();
        assertThat(history.isStringConstant(1)).isFalse();
    }

    @Test
    void theStartOfTheMethodAndABarrierEndTheWalk() {
        assertThat(history.isStringConstant(0)).isFalse();

        history.record(0, 1, true);
        history.barrier();
        assertThat(history.isStringConstant(0)).isFalse();
    }

    @Test
    void aConstantOutOfTheWindowIsNotTrusted() {
        history.record(0, 1, true); // ldc "name", then SIZE loads each consumed by a void call
        for (int i = 0; i < StackHistory.SIZE / 2; i++) {
            history.record(0, 1, false);
            history.record(1, 0, false);
        }
        assertThat(history.isStringConstant(0)).isFalse();

        StackHistory near = new StackHistory();
        near.record(0, 1, true);
        near.record(0, 1, false);
        near.record(1, 0, false);
        assertThat(near.isStringConstant(0)).isTrue();
    }
}
