package io.portcullis.hosts.internal;

import io.portcullis.host.wire.RpcError;
import io.portcullis.hosts.HostCallException;
import io.portcullis.spi.CallContext;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call into a hosted plugin, as every proxy makes it: a fresh call id tied to the caller's
 * {@link CallContext} while it runs, the RPC with the call's deadline (plus a short grace, so the core's
 * own guard, which gives up at the deadline, reports the timeout), {@code call.cancel} when the core
 * gives up, and the host's failures turned into {@link HostCallException} with the core's own message.
 */
final class Calls {

    /** Past the call's deadline, how long the proxy still waits: the invoker's guard times out first. */
    static final Duration GRACE = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(Calls.class);

    /** The RPC of one call, given its call id. */
    @FunctionalInterface
    interface Rpc<T> {
        T call(String callId, Instant deadline) throws RpcError, InterruptedException;
    }

    private Calls() {}

    /**
     * Runs {@code rpc} for {@code context}; an error with code {@code pluginErrorCode} (the plugin's own
     * checked exception) is returned to the caller as {@link RpcError} for the proxy to rethrow as that
     * exception; every other failure becomes a {@link HostCallException}.
     */
    static <T> T run(HostLink link, String what, CallContext context, int pluginErrorCode, Rpc<T> rpc) throws RpcError {
        String callId = link.open(context);
        boolean done = false;
        try {
            T result = rpc.call(callId, context.deadline().plus(GRACE));
            done = true;
            return result;
        } catch (RpcError e) {
            done = e.code() != RpcError.TIMEOUT;
            if (e.code() == pluginErrorCode) {
                throw e;
            }
            throw failure(link, what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostCallException("The call of " + what + " of plugin '" + link.pluginId() + "' was cancelled.");
        } finally {
            if (done) {
                link.close(callId);
            } else {
                link.cancel(callId);
            }
        }
    }

    static HostCallException failure(HostLink link, String what, RpcError e) {
        String plugin = link.pluginId();
        String message = switch (e.code()) {
            case RpcError.TIMEOUT ->
                "The host of plugin '" + plugin + "' did not answer " + what + " before the deadline.";
            case RpcError.CLOSED -> "The host of plugin '" + plugin + "' stopped during the call of " + what + ".";
            case RpcError.PLUGIN_FAILED ->
                "Plugin '" + plugin + "' failed unexpectedly in " + what + " (" + HostLink.clip(e.getMessage()) + ").";
            default -> "The host of plugin '" + plugin + "' failed the call of " + what + " (error " + e.code() + ").";
        };
        LOG.warn("{}", message);
        return new HostCallException(message);
    }
}
