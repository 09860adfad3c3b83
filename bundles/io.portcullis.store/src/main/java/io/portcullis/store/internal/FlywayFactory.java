package io.portcullis.store.internal;

import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Configures Flyway for one bundle's schema.
 *
 * <p>Flyway is embedded (its jars are on this bundle's {@code Bundle-ClassPath}). It finds its plugins
 * (the H2 and PostgreSQL database types, resource types, ...) with {@code ServiceLoader} on the class
 * loader of its own classes, i.e. this bundle's, which sees the {@code META-INF/services} files inside
 * both nested jars. The class loader handed to {@link Flyway#configure(ClassLoader)} is the one Flyway
 * would scan; it is Flyway's own too, never the thread's context class loader (arbitrary in OSGi), and
 * the scripts come from {@link FlywayResources}, not from scanning.
 */
final class FlywayFactory {

    private FlywayFactory() {}

    static Flyway create(DataSource dataSource, String schema, List<MigrationFile> files) {
        return Flyway.configure(Flyway.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema) // the first schema holds the history table: each bundle has its own
                .createSchemas(true)
                // Pinned, not defaulted: one transaction per migration is what makes PostgreSQL's
                // failures all-or-nothing (DDL included), and what the H2 snapshot complements.
                .executeInTransaction(true)
                .group(false)
                .mixed(false)
                .resourceProvider(new FlywayResources(files))
                .javaMigrationClassProvider(List::of)
                .validateMigrationNaming(true) // a misnamed script fails loudly instead of being skipped
                .loggers(FlywayLogging.class.getName()) // SLF4J, errors left to the extender
                .load();
    }
}
