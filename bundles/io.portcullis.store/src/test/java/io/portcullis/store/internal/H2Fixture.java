package io.portcullis.store.internal;

import java.nio.file.Path;
import java.util.Map;
import org.h2.Driver;
import org.h2.util.OsgiDataSourceFactory;
import org.osgi.service.jdbc.DataSourceFactory;

/** The embedded H2 database as the store opens it by default, in the test's data folder. */
final class H2Fixture {

    private H2Fixture() {}

    static DataSourceFactory driver() {
        return new OsgiDataSourceFactory(new Driver());
    }

    static StoreSettings settings(Path dataDir, int maxPoolSize) throws StoreException {
        StoreSettings settings = StoreSettings.from(new TestConfig("", "", "", maxPoolSize), Map.of(), dataDir);
        DataFolder.prepare(settings.h2Folder());
        return settings;
    }
}
