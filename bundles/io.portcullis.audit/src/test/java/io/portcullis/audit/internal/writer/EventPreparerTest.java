package io.portcullis.audit.internal.writer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import org.junit.jupiter.api.Test;

class EventPreparerTest {

    private final TestKeys keys = new TestKeys();

    private static AuditEvent event(String reason, String arguments) {
        return new AuditEvent(
                "ws_a",
                new Actor(Actor.MEMBER, "m1", null),
                "tool.invoke",
                "t",
                Decision.ERROR,
                "c",
                reason,
                arguments,
                null,
                null,
                null);
    }

    @Test
    void aFailingRedactorWithholdsTheTextInsteadOfStoringIt() throws Exception {
        EventPreparer preparer = new EventPreparer(
                text -> {
                    throw new IllegalStateException("boom: " + text);
                },
                keys);

        Prepared prepared = preparer.prepare(event("secret", "args"));

        assertThat(prepared.event().reasonText()).isEqualTo(EventPreparer.WITHHELD);
        assertThat(prepared.event().actor().id()).isEqualTo(EventPreparer.WITHHELD);
        assertThat(prepared.argumentsHmac()).isEqualTo(keys.hex("ws_a", EventPreparer.WITHHELD));
        assertThat(new EventPreparer(text -> null, keys)
                        .prepare(event("x", "y"))
                        .event()
                        .target())
                .isEqualTo(EventPreparer.WITHHELD);
    }

    @Test
    void textsAreCutToTheirColumnsWithoutNulsOrHalfSurrogates() throws Exception {
        EventPreparer preparer = new EventPreparer(text -> text, keys);

        Prepared prepared = preparer.prepare(event("r".repeat(999) + "\uD83D\uDE00" + "tail", "a"));

        assertThat(prepared.event().reasonText()).hasSize(999).isEqualTo("r".repeat(999));
        assertThat(EventPreparer.cut("a\0b", 10)).isEqualTo("a\uFFFDb");
        assertThat(EventPreparer.cut("abc", 3)).isEqualTo("abc");
        assertThat(prepared.event().arguments()).isNull();
    }

    @Test
    void aWorkspaceIdThatCannotNameAChainIsRefused() {
        assertThat(EventPreparer.chainOf(null)).isEqualTo("platform");
        assertThat(EventPreparer.chainOf("ws_a")).isEqualTo("ws_a");
        assertThatThrownBy(() -> EventPreparer.chainOf("platform")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPreparer.chainOf("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventPreparer.chainOf("w".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anHmacThatCannotBeComputedFailsTheAppendWithoutQuotingIt() {
        EventPreparer failing = new EventPreparer(text -> text, (ws, data) -> {
            throw new IllegalStateException("no key for " + new String(data));
        });
        EventPreparer shortMac = new EventPreparer(text -> text, (ws, data) -> new byte[16]);

        assertThatThrownBy(() -> failing.prepare(event("r", "secret-args")))
                .isInstanceOf(AuditUnavailableException.class)
                .hasMessageNotContaining("secret-args");
        assertThatThrownBy(() -> shortMac.prepare(event("r", "a"))).isInstanceOf(AuditUnavailableException.class);
    }
}
