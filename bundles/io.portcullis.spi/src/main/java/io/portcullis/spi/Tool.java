package io.portcullis.spi;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A tool an agent or operator can call, registered by a plugin as an OSGi service (Declarative
 * Services). The core's tool invoker checks every call before it reaches {@link #invoke}: the plugin
 * is granted and enabled for the workspace, the arguments match {@link ToolDescriptor#inputSchema()},
 * the risk is allowed or approved. The plugin checks nothing of that; it does its job.
 *
 * <p>Threading: {@link #invoke} may run on many threads at once and must be thread-safe. It should
 * stop at {@link ToolContext#deadline()}; the core abandons a call that overruns it and reports it
 * as failed. Lifecycle: the service exists only while the plugin is active.
 */
@ConsumerType
public interface Tool {

    /**
     * What the tool is; must return the same value for the life of the service. The core reads it once
     * when the service registers, under a short deadline: a descriptor that throws or does not answer
     * keeps the tool out (the plugin's other tools still count).
     */
    ToolDescriptor descriptor();

    /**
     * The risk of one call, before its arguments are validated: by default the descriptor's. A tool whose
     * calls differ (a GET reads, a POST writes) answers per call, from arguments that may be malformed;
     * the core then decides read-only mode and approvals on this risk. Must be fast, must not block, and
     * must never answer less than the call can do; when it throws an exception, the core takes the
     * descriptor's risk. It runs under the core's deadline (2 s at most): an {@code Error}, or no answer
     * in time, refuses the call.
     */
    default Risk risk(Map<String, @Nullable Object> arguments) {
        return descriptor().risk();
    }

    /**
     * Runs one call with arguments already validated against the input schema: JSON values as
     * {@code String}, {@code Number}, {@code Boolean}, {@code List}, {@code Map} or {@code null}.
     * The result is redacted and marked as untrusted content by the core before anyone reads it.
     *
     * @throws ToolException when the call fails in a way the caller should see; its message is shown
     *     (redacted). Any other exception is reported as an internal failure of the plugin.
     */
    ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) throws ToolException;
}
