package io.portcullis.host.internal;

import io.portcullis.host.wire.CredentialAnswer;
import io.portcullis.host.wire.CredentialParams;
import io.portcullis.host.wire.EgressSendParams;
import io.portcullis.host.wire.EgressStreamOpened;
import io.portcullis.host.wire.EgressStreamParams;
import io.portcullis.host.wire.LineBatch;
import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.RpcEndpoint;
import io.portcullis.host.wire.RpcError;
import io.portcullis.host.wire.RpcErrorInfo;
import io.portcullis.host.wire.StreamClose;
import io.portcullis.host.wire.StreamNext;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.EgressStreamSink;
import io.portcullis.spi.ToolContext;
import java.time.Duration;
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
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

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

    /**
     * Opens the stream in the core ({@code egress.stream}: the core's guard sends the request), then
     * pulls its lines ({@code egress.next}) into {@code sink}; closes it in the core ({@code
     * egress.close}) when the sink says stop or throws.
     */
    @Override
    public void stream(EgressRequest request, EgressStreamSink sink) throws EgressException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(sink, "sink");
        String stream;
        boolean open = false;
        try {
            EgressStreamOpened opened = core.call(
                    Methods.EGRESS_STREAM, new EgressStreamParams(call, request), EgressStreamOpened.class, deadline);
            stream = opened.stream();
            open = true;
            try {
                sink.open(opened.status(), opened.headers());
                while (true) {
                    LineBatch batch = core.call(
                            Methods.EGRESS_NEXT,
                            new StreamNext(stream, StreamNext.MAX_WAIT_MILLIS),
                            LineBatch.class,
                            deadline);
                    for (String line : batch.lines()) {
                        if (!sink.line(line)) {
                            return;
                        }
                    }
                    if (batch.end()) {
                        open = false;
                        RpcErrorInfo error = batch.error();
                        if (error != null) {
                            throw egressException(error.toRpcError());
                        }
                        return;
                    }
                }
            } finally {
                if (open) {
                    close(stream);
                }
            }
        } catch (RpcError e) {
            throw egressException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgressException(EgressException.Reason.FAILED, "interrupted");
        }
    }

    /** Tells the core the plugin stopped reading; best effort (the end of the call closes it too). */
    private void close(String stream) {
        if (Thread.currentThread().isInterrupted()) {
            return; // cancelled: the core closes the call's streams itself
        }
        try {
            Instant soon = Instant.now().plus(CLOSE_WAIT);
            core.call(
                    Methods.EGRESS_CLOSE,
                    new StreamClose(stream),
                    Void.class,
                    soon.isBefore(deadline) ? soon : deadline);
        } catch (RpcError e) {
            LOG.debug("Call '{}': egress.close answered {}", call, e.code());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
