package io.portcullis.store.internal;

import io.portcullis.store.Engine;
import org.osgi.service.jdbc.DataSourceFactory;

class H2TransactionsTest extends TransactionsContract {

    @Override
    Engine engine() {
        return Engine.H2;
    }

    @Override
    StoreSettings settings(int maxPoolSize) throws Exception {
        return H2Fixture.settings(dataDir, maxPoolSize);
    }

    @Override
    DataSourceFactory driver() {
        return H2Fixture.driver();
    }
}
