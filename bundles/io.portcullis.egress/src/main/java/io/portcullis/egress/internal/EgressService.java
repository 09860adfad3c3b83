package io.portcullis.egress.internal;

import io.portcullis.egress.CallScope;
import io.portcullis.egress.Egress;
import io.portcullis.egress.EgressRules;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.vault.CredentialUse;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Egress} service. Registered without an {@code io.portcullis.scope} property, so the
 * policy bundle's visibility hooks hide it from every plugin: plugins get only the
 * {@link EgressClient} of their call, from the tool invoker. Owns the watchdog thread that cancels
 * requests at their deadline.
 */
@Component(service = Egress.class, configurationPid = EgressConfig.PID)
@Designate(ocd = EgressConfig.class)
public final class EgressService implements Egress {

    private static final Logger LOG = LoggerFactory.getLogger(EgressService.class);

    private final PluginPolicy policy;
    private final UrlGuard guard;
    private final CredentialGate credentials;
    private final EgressSettings settings;
    private final ScheduledExecutorService watchdog;
    private final HttpHop http;
    private final Clock clock;

    @Activate
    public EgressService(@Reference PluginPolicy policy, @Reference CredentialUse credentials, EgressConfig config) {
        this(policy, credentials, EgressSettings.from(config), null, Clock.systemUTC());
    }

    /** {@code resolver} null: the system's, limited to the connect timeout per lookup. */
    public EgressService(PluginPolicy policy, CredentialUse credentials, EgressSettings settings,
            @Nullable HostResolver resolver, Clock clock) {
        this.policy = policy;
        this.guard = new UrlGuard(resolver != null ? resolver
                : new BoundedResolver(HostResolver.SYSTEM, settings.connectTimeout()));
        this.credentials = new CredentialGate(policy, credentials);
        this.settings = settings;
        this.clock = clock;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = Executors.defaultThreadFactory().newThread(runnable);
            thread.setName("portcullis-egress-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true); // most requests finish long before their deadline
        this.watchdog = executor;
        this.http = new HttpHop(settings, watchdog);
        LOG.info("Egress guard ready (responses up to {} bytes, connect timeout {} ms, up to {} redirects)",
                settings.maxBodyBytes(), settings.connectTimeout().toMillis(), settings.maxRedirects());
    }

    @Override
    public EgressClient client(CallScope scope) {
        return new GuardedClient(scope, policy, guard, credentials, http, settings, clock);
    }

    @Override
    public void check(URI url, EgressRules rules) throws EgressException {
        try {
            guard.check(url, rules);
        } catch (EgressException e) {
            throw e.reason() == EgressException.Reason.REFUSED
                    ? e
                    : new EgressException(EgressException.Reason.REFUSED, e.getMessage());
        }
    }

    @Deactivate
    void stop() {
        watchdog.shutdownNow();
    }
}
