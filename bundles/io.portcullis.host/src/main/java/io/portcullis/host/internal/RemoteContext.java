package io.portcullis.host.internal;

import io.portcullis.host.wire.CredentialAnswer;
import io.portcullis.host.wire.CredentialParams;
import io.portcullis.host.wire.EgressSendParams;
import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.RpcEndpoint;
import io.portcullis.host.wire.RpcError;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.ToolContext;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context of one call as the plugin sees it: egress and credentials are requests back to the
 * core, tagged with the call's id, so the core decides with the grant of this plugin and this call's
 * workspace. Nothing here is trusted by the core; it only spares the plugin the protocol.
 */
final class RemoteContext implements ToolContext, EgressClient {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteContext.class);

    private final RpcEndpoint core;
    private final String call;
    private final String workspaceId;
    private final Instant deadline;
    private final String runId;

    RemoteContext(RpcEndpoint core, String call, String workspaceId, Instant deadline, String runId) {
        this.core = core;
        this.call = call;
        this.workspaceId = workspaceId;
        this.deadline = deadline;
        this.runId = runId;
    }

    @Override
    public String workspaceId() {
        return workspaceId;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public String runId() {
        return runId;
    }

    @Override
    public EgressClient egress() {
        return this;
    }

    @Override
    public EgressResponse send(EgressRequest request) throws EgressException {
        Objects.requireNonNull(request, "request");
        try {
            return core.call(Methods.EGRESS_SEND, new EgressSendParams(call, request), EgressResponse.class, deadline);
        } catch (RpcError e) {
            throw egressException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgressException(EgressException.Reason.FAILED, "interrupted");
        }
    }

    @Override
    public Optional<CredentialRef> credential(String credentialId) {
        Objects.requireNonNull(credentialId, "credentialId");
        try {
            CredentialAnswer answer = core.call(
                    Methods.CREDENTIAL_GET, new CredentialParams(call, credentialId), CredentialAnswer.class, deadline);
            return answer.bound() ? Optional.of(new CredentialRef(credentialId)) : Optional.empty();
        } catch (RpcError e) {
            LOG.debug("Call '{}': credential '{}' not available: {}", call, credentialId, e.code());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The core's answer as the SPI's exception: EGRESS keeps its reason, a refusal is REFUSED. */
    static EgressException egressException(RpcError error) {
        EgressException.Reason reason = switch (error.code()) {
            case RpcError.EGRESS -> reason(error.dataText("reason"));
            case RpcError.TIMEOUT -> EgressException.Reason.TIMEOUT;
            case RpcError.REFUSED, RpcError.UNKNOWN_CALL -> EgressException.Reason.REFUSED;
            default -> EgressException.Reason.FAILED;
        };
        return new EgressException(reason, String.valueOf(error.getMessage()));
    }

    private static EgressException.Reason reason(@Nullable String name) {
        for (EgressException.Reason reason : EgressException.Reason.values()) {
            if (reason.name().equals(name)) {
                return reason;
            }
        }
        return EgressException.Reason.FAILED;
    }
}
