package io.portcullis.policy;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The origins on the server's own machine (a local model server such as {@code http://127.0.0.1:11434})
 * that a platform administrator granted to a plugin. Implemented by the egress guard, which owns and
 * enforces the grants; the plugin API shows them on each plugin. Thread-safe and non-blocking.
 */
@ConsumerType
public interface PrivateEndpoints {

    /** The canonical origins ({@code scheme://host:port}) granted to plugin {@code pluginId}; empty if none. */
    List<String> origins(String pluginId);
}
