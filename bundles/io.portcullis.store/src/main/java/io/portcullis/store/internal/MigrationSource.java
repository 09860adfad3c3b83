package io.portcullis.store.internal;

import io.portcullis.store.Engine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where one bundle's migration scripts come from: in OSGi the bundle's own entries (
 * {@link BundleMigrationSource}), in tests a map. Keeps the migrator free of OSGi and of class-loader
 * scanning.
 */
interface MigrationSource {

    /** Scripts every engine runs. */
    String COMMON_FOLDER = "db/migration";

    /** The {@code .sql} files directly in {@code folder} (not in its sub-folders); empty when it is missing. */
    List<MigrationFile> files(String folder) throws IOException;

    /** The common scripts plus those of {@code engine}'s folder, {@code db/migration/h2} or {@code db/migration/postgresql}. */
    default List<MigrationFile> forEngine(Engine engine) throws IOException {
        List<MigrationFile> all = new ArrayList<>(files(COMMON_FOLDER));
        all.addAll(files(COMMON_FOLDER + "/" + engine.name().toLowerCase(Locale.ROOT)));
        return all;
    }
}
