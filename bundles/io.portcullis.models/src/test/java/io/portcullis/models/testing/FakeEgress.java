package io.portcullis.models.testing;

import io.portcullis.egress.CallScope;
import io.portcullis.egress.Egress;
import io.portcullis.egress.EgressRules;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An egress guard whose {@link #check} refuses hosts outside the rules' allowlist (when it has one) and
 * {@code *.internal} unless the plugin is {@link #privatePlugin}; {@link #context} remembers each scope.
 */
public final class FakeEgress implements Egress {

    public final List<CallScope> scopes = new CopyOnWriteArrayList<>();
    public volatile String privatePlugin = "";

    @Override
    public EgressClient client(CallScope scope) {
        return request -> {
            throw new EgressException(EgressException.Reason.REFUSED, "test: no network");
        };
    }

    @Override
    public void check(URI url, EgressRules rules) throws EgressException {
        check(url, rules, "");
    }

    @Override
    public void check(URI url, EgressRules rules, String pluginId) throws EgressException {
        String host = url.getHost();
        if (host.endsWith(".internal") && !pluginId.equals(privatePlugin)) {
            throw new EgressException(EgressException.Reason.REFUSED, "private address (no private endpoint granted)");
        }
        if (!rules.allowHosts().isEmpty() && !rules.allowHosts().contains(host)) {
            throw new EgressException(EgressException.Reason.REFUSED, "host not in the workspace's allowHosts");
        }
    }

    @Override
    public CallContext context(CallScope scope) {
        scopes.add(scope);
        return new CallContext() {
            @Override
            public String workspaceId() {
                return scope.workspaceId();
            }

            @Override
            public Instant deadline() {
                return scope.deadline();
            }

            @Override
            public EgressClient egress() {
                return client(scope);
            }

            @Override
            public Optional<CredentialRef> credential(String credentialId) {
                return Optional.empty();
            }
        };
    }
}
