package io.portcullis.hosts.internal;

import io.portcullis.host.wire.Methods;
import io.portcullis.host.wire.ModelCompleteParams;
import io.portcullis.host.wire.RpcError;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.ModelProvider;

/** A hosted plugin's model provider in the core's registry; {@code complete} is an RPC to the host. */
final class ModelProxy implements ModelProvider {

    private final HostLink link;
    private final long handle;
    private final Descriptor descriptor;

    ModelProxy(HostLink link, long handle, Descriptor descriptor) {
        this.link = link;
        this.handle = handle;
        this.descriptor = descriptor;
    }

    @Override
    public Descriptor descriptor() {
        return descriptor;
    }

    @Override
    public Completion complete(CompletionRequest request, CallContext context) throws ModelException {
        try {
            return Calls.run(
                    link,
                    "model provider '" + descriptor.name() + "'",
                    context,
                    RpcError.MODEL,
                    (call, deadline) -> link.call(
                            Methods.MODEL_COMPLETE,
                            new ModelCompleteParams(
                                    handle,
                                    call,
                                    context.workspaceId(),
                                    context.deadline().toEpochMilli(),
                                    request),
                            Completion.class,
                            deadline));
        } catch (RpcError e) { // the plugin's ModelException
            throw new ModelException(e.getMessage() == null ? "The model provider failed." : e.getMessage());
        }
    }
}
