package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.web.Authenticator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Dictionary;
import java.util.Hashtable;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the {@link JwtAuthenticator} when {@value JwtConfig#PID} is configured, ranked below the
 * API key authenticator. An invalid configuration logs its one-line reason and registers nothing, so
 * JWTs are refused while API keys keep working; it does not stop the server, because a configuration
 * can arrive or change at any time, not only at start-up. A new configuration re-activates this
 * component, which re-reads the key files.
 */
@Component(
        service = {},
        immediate = true,
        configurationPid = JwtConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = JwtConfig.class)
public final class JwtAuthentication {

    /** Below the API key authenticator's default 0: keys are asked first. */
    static final int SERVICE_RANKING = -100;

    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthentication.class);

    private final @Nullable ServiceRegistration<Authenticator> registration;

    @Activate
    public JwtAuthentication(
            BundleContext context,
            JwtConfig config,
            @Reference(target = "(portcullis.schema=tenancy)") Database database) {
        String data = context.getProperty(Authentication.DATA_PROPERTY);
        Path dataDir = Path.of(data == null || data.isBlank() ? "data" : data);
        ServiceRegistration<Authenticator> registered = null;
        try {
            JwtSettings settings = JwtSettings.of(config, dataDir);
            JwtAuthenticator authenticator =
                    new JwtAuthenticator(new JwtVerifier(settings, Clock.systemUTC()), new SubjectLookup(database));
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(Constants.SERVICE_RANKING, SERVICE_RANKING);
            registered = context.registerService(Authenticator.class, authenticator, properties);
            LOG.info("JWT bearer authentication on for issuer '{}' with {}", settings.issuer(), settings.algorithms());
        } catch (JwtSettings.Invalid e) {
            LOG.error("JWT bearer authentication is off: {}", e.getMessage());
        }
        this.registration = registered;
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and its registrations went first
            }
        }
    }
}
