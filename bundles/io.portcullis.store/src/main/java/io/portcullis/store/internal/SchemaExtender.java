package io.portcullis.store.internal;

import io.portcullis.store.Database;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration extender: for each starting or active bundle with a {@value Database#SCHEMA_HEADER}
 * header, migrates its schema and then registers a {@link Database} with
 * {@value Database#SCHEMA_PROPERTY} and {@value #BUNDLE_PROPERTY}, unregistered when the bundle stops.
 *
 * <p>Migrations run synchronously in the bundle's start, one bundle at a time, so the bundle's
 * components cannot see its tables before they exist. A schema belongs to the first bundle symbolic
 * name that claims it while this extender runs; across restarts Flyway's validation refuses another
 * bundle's scripts on an existing history.
 */
final class SchemaExtender implements BundleTrackerCustomizer<SchemaExtender.Claim> {

    /**
     * A tracked bundle: migrated and served, or refused. Refused bundles stay tracked so that the
     * refusal is logged once per start, not again at STARTING and at ACTIVE.
     */
    record Claim(@Nullable ServiceRegistration<Database> registration) {

        static final Claim REFUSED = new Claim(null);
    }

    /** Service property naming the bundle a {@link Database} was registered for. */
    static final String BUNDLE_PROPERTY = "portcullis.bundle";

    /** Lower case (PostgreSQL folds to it), starting with a letter, within PostgreSQL's 63 bytes. */
    static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private static final Logger LOG = LoggerFactory.getLogger(SchemaExtender.class);

    private final BundleContext context;
    private final SchemaMigrator migrator;
    private final Database database;
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, Long> served = new HashMap<>();

    SchemaExtender(BundleContext context, SchemaMigrator migrator, Database database) {
        this.context = context;
        this.migrator = migrator;
        this.database = database;
    }

    @Override
    public synchronized @Nullable Claim addingBundle(Bundle bundle, @Nullable BundleEvent event) {
        String header = bundle.getHeaders("").get(Database.SCHEMA_HEADER);
        if (header == null) {
            return null;
        }
        String schema = header.strip();
        String name = String.valueOf(bundle.getSymbolicName()); // "null" only for pre-R4 bundles
        String version = bundle.getVersion().toString();
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            LOG.error(
                    "Bundle '{}' {} declares {} '{}', which does not match {}; not migrated",
                    name,
                    version,
                    Database.SCHEMA_HEADER,
                    schema,
                    SCHEMA_NAME.pattern());
            return Claim.REFUSED;
        }
        String owner = owners.putIfAbsent(schema, name);
        if (owner != null && !owner.equals(name)) {
            LOG.error(
                    "Bundle '{}' {} claims schema '{}', which belongs to bundle '{}'; refused",
                    name,
                    version,
                    schema,
                    owner);
            return Claim.REFUSED;
        }
        Long servedFor = served.get(schema);
        if (servedFor != null) {
            LOG.error(
                    "Bundle '{}' {} (id {}) claims schema '{}', already in use by bundle id {}; refused",
                    name,
                    version,
                    bundle.getBundleId(),
                    schema,
                    servedFor);
            return Claim.REFUSED;
        }
        try {
            SchemaMigrator.Outcome outcome = migrator.migrate(schema, new BundleMigrationSource(bundle));
            LOG.info(
                    "Schema '{}' of bundle '{}' {} is at version {} ({} migrations applied)",
                    schema,
                    name,
                    version,
                    outcome.version(),
                    outcome.applied());
        } catch (MigrationException e) {
            LOG.error(
                    "Schema '{}' of bundle '{}' {} not migrated: migration {} failed: {}",
                    schema,
                    name,
                    version,
                    e.migration(),
                    e.reason());
            LOG.debug("Migration failure of schema '{}'", schema, e);
            return Claim.REFUSED;
        } catch (RuntimeException e) { // a bug, not a bad script: keep the trace, keep tracking others
            LOG.error("Schema '{}' of bundle '{}' {} not migrated", schema, name, version, e);
            return Claim.REFUSED;
        }
        served.put(schema, bundle.getBundleId());
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Database.SCHEMA_PROPERTY, schema);
        properties.put(BUNDLE_PROPERTY, name);
        return new Claim(context.registerService(Database.class, database, properties));
    }

    @Override
    public void modifiedBundle(Bundle bundle, @Nullable BundleEvent event, Claim claim) {
        // STARTING -> ACTIVE: still migrated, still registered.
    }

    @Override
    public synchronized void removedBundle(Bundle bundle, @Nullable BundleEvent event, Claim claim) {
        ServiceRegistration<Database> registration = claim.registration();
        if (registration == null) {
            return;
        }
        served.values().remove(bundle.getBundleId());
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The store is stopping and its registrations went first.
        }
    }
}
