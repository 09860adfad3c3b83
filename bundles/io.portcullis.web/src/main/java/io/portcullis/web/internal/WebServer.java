package io.portcullis.web.internal;

import io.portcullis.store.health.HealthCheck;
import io.portcullis.web.Authenticator;
import io.portcullis.web.RequestAudit;
import io.portcullis.web.RouteProvider;
import io.portcullis.web.SecretScreen;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server component: owns the listener, follows live configuration edits, and serves the
 * routes of every {@link RouteProvider} and the readiness of every {@link HealthCheck} service,
 * admitting callers through the registered {@link Authenticator} services and putting every API
 * request on the record through the registered {@link RequestAudit} services.
 */
@Component(
        immediate = true,
        service = {},
        configurationPid = WebServer.PID,
        // Wait for config/io.portcullis.web.cfg: starting on defaults first would bind port 8080
        // only to move a moment later, or fail on it although the file names another port.
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebConfig.class)
public final class WebServer {

    static final String PID = "io.portcullis.web";

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final String CONFIG_FILE = "config/io.portcullis.web.cfg";

    /** Only the first start in the bundle's life is fatal; later restarts of the component just log. */
    private static final AtomicBoolean FIRST_START_IN_BUNDLE = new AtomicBoolean(true);

    private final Map<String, String> env;
    private final Consumer<String> startupFailure;
    private final AtomicBoolean firstStart;
    private final RouteTable routes = new RouteTable();
    private final Readiness readiness = new Readiness(1000);
    private final Authenticators authenticators = new Authenticators();
    private final Redaction redaction = new Redaction();
    private final AtomicReference<@Nullable SecretScreen> screen = new AtomicReference<>();
    private final RequestAudits audits = new RequestAudits();
    private final HttpServer server;
    private final PortPublisher publisher;
    private volatile @Nullable WebSettings settings;

    @Activate
    public WebServer(BundleContext context, WebConfig config) {
        this(config, System.getenv(), new StartupFailure(context), FIRST_START_IN_BUNDLE, new PortPublisher(context));
    }

    WebServer(
            WebConfig config,
            Map<String, String> env,
            Consumer<String> startupFailure,
            AtomicBoolean firstStart,
            PortPublisher publisher) {
        this.env = Map.copyOf(env);
        this.startupFailure = startupFailure;
        this.firstStart = firstStart;
        this.publisher = publisher;
        AccessGate gate = new AccessGate(
                authenticators, this::current, new RateLimiter("callers"), new RateLimiter("client addresses"));
        Problems problems = new Problems(redaction);
        this.server = new HttpServer(
                new Dispatcher(routes, this::current, gate, problems, screen::get),
                problems,
                new RequestAuditing(audits, problems));
        routes.add(this, PID + " (built-in)", new HealthRoutes(readiness, this::current).routes());
        routes.add(this, PID + " (built-in)", new ApiDocRoutes(routes).routes());
        try {
            settings = WebSettings.from(config, this.env);
        } catch (IllegalArgumentException e) {
            fail("web: invalid configuration: " + e.getMessage());
            return;
        }
        start(current());
    }

    /** A live edit: refused as a whole if invalid, else applied; only a new host or port restarts Jetty. */
    @Modified
    void modified(WebConfig config) {
        WebSettings next;
        try {
            next = WebSettings.from(config, env);
        } catch (IllegalArgumentException e) {
            ConfigurationLog.refused(PID, e.getMessage()); // one line, with the edit's, in one place
            return;
        }
        apply(next);
    }

    @Deactivate
    synchronized void deactivate() {
        server.stop();
        publisher.withdraw();
        readiness.close();
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeRouteProvider")
    void addRouteProvider(ServiceReference<RouteProvider> reference, RouteProvider provider) {
        addRoutes(reference, describe(reference), provider);
    }

    void removeRouteProvider(ServiceReference<RouteProvider> reference) {
        routes.remove(reference);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeHealthCheck")
    void addHealthCheck(ServiceReference<HealthCheck> reference, HealthCheck check) {
        readiness.add(reference, check);
    }

    void removeHealthCheck(ServiceReference<HealthCheck> reference) {
        readiness.remove(reference);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedAuthenticator",
            unbind = "removeAuthenticator")
    void addAuthenticator(ServiceReference<Authenticator> reference, Authenticator authenticator) {
        authenticators.add(reference, describe(reference), ranking(reference), serviceId(reference), authenticator);
    }

    /** A new service ranking re-orders the authenticators. */
    void updatedAuthenticator(ServiceReference<Authenticator> reference, Authenticator authenticator) {
        addAuthenticator(reference, authenticator);
    }

    void removeAuthenticator(ServiceReference<Authenticator> reference) {
        authenticators.remove(reference);
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeRequestAudit")
    void addRequestAudit(ServiceReference<RequestAudit> reference, RequestAudit audit) {
        audits.add(reference, audit);
    }

    void removeRequestAudit(ServiceReference<RequestAudit> reference) {
        audits.remove(reference);
    }

    /** The vault's redactor: every problem text passes it once it is there. */
    @Reference(
            service = UnaryOperator.class,
            target = Redaction.TARGET,
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unsetRedactor")
    void setRedactor(UnaryOperator<String> redactor) {
        redaction.use(redactor);
    }

    void unsetRedactor(UnaryOperator<String> redactor) {
        redaction.withdraw(redactor);
    }

    /** The vault's secret screen, which {@code ApiRequest.requireNotSecret} asks. */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unsetSecretScreen")
    void setSecretScreen(SecretScreen next) {
        screen.set(next);
    }

    void unsetSecretScreen(SecretScreen gone) {
        screen.compareAndSet(gone, null);
    }

    /** The authenticators, for tests that register them without a framework. */
    Authenticators authenticators() {
        return authenticators;
    }

    /** The request audits, for tests that register them without a framework. */
    RequestAudits requestAudits() {
        return audits;
    }

    /** Adds a provider's routes; {@code owner} is the key that removes them again. */
    void addRoutes(Object owner, String ownerName, RouteProvider provider) {
        try {
            routes.add(owner, ownerName, provider.routes());
        } catch (RuntimeException e) {
            LOG.warn("Ignored the routes of {}: routes() failed with {}", ownerName, e.toString());
        }
    }

    void removeRoutes(Object owner) {
        routes.remove(owner);
    }

    void addCheck(Object owner, HealthCheck check) {
        readiness.add(owner, check);
    }

    void removeCheck(Object owner) {
        readiness.remove(owner);
    }

    /** The bound port, or -1 when not listening. */
    int port() {
        return publisher.port();
    }

    private synchronized void apply(WebSettings next) {
        WebSettings previous = settings;
        settings = next; // body limit and required checks apply to the next request
        if (previous == null || !server.running()) {
            start(next);
        } else if (previous.needsRestart(next)) {
            server.stop();
            if (!start(next)) {
                settings = new WebSettings(
                        previous.host(),
                        previous.port(),
                        next.maxBodyBytes(),
                        next.requestBodyTimeoutSeconds(),
                        next.requiredChecks(),
                        next.rateLimits());
                LOG.warn("Going back to http://{}:{}", urlHost(previous.host()), previous.port());
                start(current());
            }
        }
    }

    private synchronized boolean start(WebSettings wanted) {
        try {
            int port = server.start(wanted.host(), wanted.port());
            firstStart.set(false);
            publisher.publish(port, server::running);
            LOG.info("Portcullis listening on http://{}:{}", urlHost(wanted.host()), port);
            return true;
        } catch (HttpServer.ListenFailure e) {
            fail("web: " + e.getMessage()
                    + (e.portInUse()
                            ? "; set " + WebSettings.ENV_PORT + " or port in " + CONFIG_FILE
                            : "; set " + WebSettings.ENV_HOST + " or host in " + CONFIG_FILE));
            return false;
        }
    }

    private void fail(String reason) {
        if (firstStart.getAndSet(false)) {
            startupFailure.accept(reason);
        } else {
            LOG.warn("{}", reason);
        }
    }

    private WebSettings current() {
        WebSettings current = settings;
        if (current == null) {
            throw new IllegalStateException("the web server has no valid settings");
        }
        return current;
    }

    private static String urlHost(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static int ranking(ServiceReference<?> reference) {
        return reference.getProperty(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }

    private static long serviceId(ServiceReference<?> reference) {
        return reference.getProperty(Constants.SERVICE_ID) instanceof Long id ? id : Long.MAX_VALUE;
    }

    private static String describe(ServiceReference<?> reference) {
        String bundle =
                reference.getBundle() == null ? "?" : reference.getBundle().getSymbolicName();
        return bundle + " (service " + reference.getProperty("service.id") + ")";
    }
}
