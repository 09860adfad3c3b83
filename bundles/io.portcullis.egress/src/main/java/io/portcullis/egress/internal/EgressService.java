package io.portcullis.egress.internal;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.Decision;
import io.portcullis.egress.CallScope;
import io.portcullis.egress.Egress;
import io.portcullis.egress.EgressRules;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.PrivateEndpoints;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.net.PrivateEndpoint;
import io.portcullis.vault.CredentialUse;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
 * requests at their deadline and the DNS lookup threads, and the platform's private endpoint grants
 * (which it enforces, and reports as {@link PrivateEndpoints} for the plugin API).
 */
@Component(
        service = {Egress.class, PrivateEndpoints.class},
        configurationPid = EgressConfig.PID)
@Designate(ocd = EgressConfig.class)
public final class EgressService implements Egress, PrivateEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(EgressService.class);

    /** First wait before recording refused grants again; it doubles up to {@link #MAX_RETRY}. */
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final PluginPolicy policy;
    private final UrlGuard guard;
    private final BoundedResolver resolver;
    private final CredentialGate credentials;
    private final CredentialUse credentialUse;
    private final EgressSettings settings;
    /** Replaced whole when recorded grants are loaded; read per call. */
    private volatile Map<String, Set<String>> grants;

    private final ScheduledExecutorService watchdog;
    private final HttpHop http;
    private final Clock clock;
    /** Records the configured private endpoints; made only when there are some. */
    private @Nullable ScheduledExecutorService recorder;

    private boolean stopped;

    @Activate
    public EgressService(
            @Reference PluginPolicy policy,
            @Reference CredentialUse credentials,
            @Reference AuditLog auditLog,
            EgressConfig config) {
        this(policy, credentials, auditLog, EgressSettings.from(config), FIRST_RETRY);
    }

    /**
     * The guard starts without the configured private endpoints and loads them once they are on the
     * platform chain, recorded on a thread of its own: an append may wait seconds (the audit log's
     * timeout), which must not hold DS activation, its locks and the configuration event thread. If the
     * audit log refuses the record, it is tried again after {@code firstRetry}, doubling up to
     * {@link #MAX_RETRY}, for as long as the guard runs: a transient audit failure delays a grant, it
     * never loses it until the next configuration change.
     */
    EgressService(
            PluginPolicy policy,
            CredentialUse credentials,
            AuditLog auditLog,
            EgressSettings settings,
            Duration firstRetry) {
        this(
                policy,
                credentials,
                settings.withPrivateEndpoints(List.of()),
                null,
                AddressClassifier.of(OwnAddresses.interfaces()),
                Clock.systemUTC());
        List<PrivateEndpoint> endpoints = settings.privateEndpoints();
        if (!endpoints.isEmpty()) {
            LOG.info("Private endpoints {} load once they are on the platform audit chain", endpoints);
            submit(() -> loadWhenRecorded(endpoints, auditLog, firstRetry), Duration.ZERO);
        }
    }

    /**
     * {@code resolver} null: the system's. Either way lookups run on the guard's own threads, limited to
     * the connect timeout per lookup, and those threads end with {@link #stop}.
     */
    EgressService(
            PluginPolicy policy,
            CredentialUse credentials,
            EgressSettings settings,
            @Nullable HostResolver resolver,
            AddressClassifier classifier,
            Clock clock) {
        this.policy = policy;
        this.resolver =
                new BoundedResolver(resolver != null ? resolver : HostResolver.SYSTEM, settings.connectTimeout());
        this.guard = new UrlGuard(this.resolver, classifier);
        this.credentials = new CredentialGate(policy, credentials);
        this.credentialUse = credentials;
        this.settings = settings;
        this.grants = byPlugin(settings.privateEndpoints());
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
        LOG.info(
                "Egress guard ready (responses up to {} bytes, connect timeout {} ms, up to {} redirects,"
                        + " streams up to {} bytes with lines up to {} bytes and {} ms of silence,"
                        + " private endpoints {})",
                settings.maxBodyBytes(),
                settings.connectTimeout().toMillis(),
                settings.maxRedirects(),
                settings.streams().maxBytes(),
                settings.streams().maxLineBytes(),
                settings.streams().idle().toMillis(),
                settings.privateEndpoints());
    }

    @Override
    public EgressClient client(CallScope scope) {
        return new GuardedClient(scope, policy, guard, granted(scope.pluginId()), credentials, http, settings, clock);
    }

    @Override
    public CallContext context(CallScope scope) {
        return new ScopedContext(scope, client(scope), policy, credentialUse);
    }

    @Override
    public List<String> origins(String pluginId) {
        return grants.getOrDefault(pluginId, Set.of()).stream().sorted().toList();
    }

    @Override
    public void check(URI url, EgressRules rules) throws EgressException {
        check(url, rules, UrlGuard.NO_GRANTS);
    }

    @Override
    public void check(URI url, EgressRules rules, String pluginId) throws EgressException {
        check(url, rules, granted(pluginId));
    }

    /** Which origins on the server's machine {@code pluginId} may reach now: the loaded grants. */
    private Predicate<String> granted(String pluginId) {
        Set<String> granted = grants.getOrDefault(pluginId, Set.of());
        return granted::contains;
    }

    private void check(URI url, EgressRules rules, Predicate<String> granted) throws EgressException {
        try {
            guard.check(url, rules, granted);
        } catch (EgressException e) {
            throw e.reason() == EgressException.Reason.REFUSED
                    ? e
                    : new EgressException(EgressException.Reason.REFUSED, e.getMessage());
        }
    }

    /** Stops the watchdog, the DNS lookups' and the grants recorder's threads, so none outlives the bundle. */
    @Deactivate
    void stop() {
        watchdog.shutdownNow();
        resolver.close();
        synchronized (this) {
            stopped = true;
            if (recorder != null) {
                recorder.shutdownNow();
            }
        }
    }

    private static Map<String, Set<String>> byPlugin(List<PrivateEndpoint> endpoints) {
        return endpoints.stream()
                .collect(Collectors.groupingBy(
                        PrivateEndpoint::pluginId,
                        Collectors.mapping(PrivateEndpoint::origin, Collectors.toUnmodifiableSet())));
    }

    /**
     * Loads {@code endpoints} once each plugin's grant is on the platform chain, else tries again after
     * {@code wait}. Runs on the recorder thread; no attempt runs after {@link #stop}.
     */
    private void loadWhenRecorded(List<PrivateEndpoint> endpoints, AuditLog auditLog, Duration wait) {
        try {
            record(endpoints, auditLog);
        } catch (AuditUnavailableException e) {
            LOG.warn(
                    "Private endpoints {} not loaded yet: the grant could not be put on the record ({});"
                            + " retrying in {} ms",
                    endpoints,
                    e.getMessage(),
                    wait.toMillis());
            Duration next = wait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait.multipliedBy(2);
            submit(() -> loadWhenRecorded(endpoints, auditLog, next), wait);
            return;
        } catch (RuntimeException e) {
            LOG.error("Private endpoints {} not loaded: recording them failed", endpoints, e);
            return;
        }
        grants = byPlugin(endpoints);
        LOG.info("Private endpoints loaded: {}", endpoints);
    }

    private synchronized void submit(Runnable attempt, Duration delay) {
        if (stopped) {
            return;
        }
        if (recorder == null) {
            recorder = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = Executors.defaultThreadFactory().newThread(runnable);
                thread.setName("portcullis-egress-grants");
                thread.setDaemon(true);
                return thread;
            });
        }
        recorder.schedule(attempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Puts each plugin's private endpoint grant on the platform chain, before it may take effect. */
    private static void record(List<PrivateEndpoint> endpoints, AuditLog auditLog) throws AuditUnavailableException {
        Map<String, List<String>> byPlugin = new TreeMap<>();
        endpoints.forEach(grant -> byPlugin.computeIfAbsent(grant.pluginId(), id -> new ArrayList<>())
                .add(grant.origin()));
        for (Map.Entry<String, List<String>> grant : byPlugin.entrySet()) {
            String origins = String.join(", ", grant.getValue());
            auditLog.append(new AuditEvent(
                    null,
                    Actor.system(EgressConfig.PID),
                    "egress.private_endpoints",
                    "plugin:" + grant.getKey(),
                    Decision.ALLOWED,
                    "granted",
                    "private endpoints granted by the platform configuration: " + origins,
                    "origins=" + origins,
                    null,
                    null,
                    null));
        }
    }
}
