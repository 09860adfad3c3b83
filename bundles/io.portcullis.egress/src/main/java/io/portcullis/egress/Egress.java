package io.portcullis.egress;

import io.portcullis.spi.CallContext;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import java.net.URI;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The SSRF guard in front of every outbound request of a plugin. A core-internal service (registered
 * without an {@code io.portcullis.scope} property, so the policy bundle hides it from plugins): the
 * tool invoker builds each call's {@link EgressClient} here and hands only that to the plugin.
 *
 * <p>Thread-safe. {@link #check} blocks on DNS.
 */
@ProviderType
public interface Egress {

    /**
     * A client for one call: plugin {@code scope.pluginId()} acting for {@code scope.workspaceId()}
     * until {@code scope.deadline()}. Every send re-checks the plugin's grants, the URL and the
     * addresses it resolves to.
     */
    EgressClient client(CallScope scope);

    /**
     * Checks {@code url} as a workspace saves it in configuration, by the same rules as a send (DNS
     * included), so a bad URL is refused when it is typed rather than at the first call.
     *
     * @throws EgressException {@link EgressException.Reason#REFUSED} with a message naming the rule
     */
    void check(URI url, EgressRules rules) throws EgressException;

    /**
     * As {@link #check(URI, EgressRules)}, for a URL that plugin {@code pluginId} will call: a private
     * endpoint the platform granted to that plugin passes too (a model profile's base URL on a local
     * model server).
     */
    void check(URI url, EgressRules rules, String pluginId) throws EgressException;

    /**
     * The whole {@link CallContext} of one plugin call outside the tool invoker (a model provider's
     * call): the workspace and deadline of {@code scope}, {@link #client} as its egress, and handles of
     * the credentials bound to the plugin while it holds {@code vault.use}. The same rules as a tool
     * call's context, from one place.
     */
    CallContext context(CallScope scope);
}
