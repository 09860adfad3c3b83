package io.portcullis.egress.internal;

import io.portcullis.egress.CallScope;
import io.portcullis.egress.EgressRules;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.Scopes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An {@link EgressService} over fakes, with loopback opened by a private CIDR for local servers. */
final class Harness implements AutoCloseable {

    /** Only 127.0.0.1 is reachable, as an intranet range the workspace listed. */
    static final EgressRules LOOPBACK = new EgressRules(List.of(), List.of(), List.of("127.0.0.1/32"));

    final Fakes.Policy policy = new Fakes.Policy(Scopes.NET_EGRESS, Scopes.VAULT_USE);
    final Fakes.Credentials credentials = new Fakes.Credentials();
    final Fakes.Dns dns = new Fakes.Dns();
    private EgressSettings settings = EgressSettings.DEFAULT;
    private EgressService service;

    Harness settings(EgressSettings settings) {
        this.settings = settings;
        return this;
    }

    EgressService service() {
        if (service == null) {
            service = new EgressService(policy.service, credentials, settings, dns, Clock.systemUTC());
        }
        return service;
    }

    EgressClient client() {
        return client(LOOPBACK, Duration.ofSeconds(30));
    }

    EgressClient client(EgressRules rules, Duration timeLeft) {
        return service().client(new CallScope(Fakes.WS, Fakes.PLUGIN, Instant.now().plus(timeLeft), rules));
    }

    @Override
    public void close() {
        if (service != null) {
            service.stop();
        }
    }
}
