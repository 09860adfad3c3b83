package io.portcullis.host.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.Wire;
import io.portcullis.spi.Channel;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ToolException;
import org.junit.jupiter.api.Test;

/** How failures cross the boundary in both directions. */
class FailuresTest {

    @Test
    void theSpiExceptionsKeepTheirMessageAndAnythingElseOnlyItsClass() {
        assertThat(HostHandler.failure(new ToolException("bad url"))).satisfies(e -> {
            assertThat(e.code()).isEqualTo(RpcError.TOOL);
            assertThat(e.getMessage()).isEqualTo("bad url");
        });
        assertThat(HostHandler.failure(new ModelProvider.ModelException("quota"))
                        .code())
                .isEqualTo(RpcError.MODEL);
        assertThat(HostHandler.failure(new Channel.ChannelException("x")).code())
                .isEqualTo(RpcError.CHANNEL);
        RpcError other = HostHandler.failure(new IllegalArgumentException("password=hunter2"));
        assertThat(other.code()).isEqualTo(RpcError.PLUGIN_FAILED);
        assertThat(other.getMessage()).isEqualTo(IllegalArgumentException.class.getName());
    }

    @Test
    void theCoresEgressErrorsBecomeEgressExceptionsWithTheirReason() {
        RpcError tooLarge = new RpcError(
                RpcError.EGRESS,
                "response too large",
                Wire.mapper().createObjectNode().put("reason", "TOO_LARGE"));

        assertThat(RemoteContext.egressException(tooLarge)).satisfies(e -> {
            assertThat(e.reason()).isEqualTo(EgressException.Reason.TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo("response too large");
        });
        assertThat(reason(new RpcError(RpcError.EGRESS, "x"))).isEqualTo(EgressException.Reason.FAILED);
        assertThat(reason(new RpcError(RpcError.TIMEOUT, "x"))).isEqualTo(EgressException.Reason.TIMEOUT);
        assertThat(reason(new RpcError(RpcError.REFUSED, "x"))).isEqualTo(EgressException.Reason.REFUSED);
        assertThat(reason(new RpcError(RpcError.UNKNOWN_CALL, "x"))).isEqualTo(EgressException.Reason.REFUSED);
        assertThat(reason(new RpcError(RpcError.CLOSED, "x"))).isEqualTo(EgressException.Reason.FAILED);
    }

    private static EgressException.Reason reason(RpcError error) {
        return RemoteContext.egressException(error).reason();
    }
}
