package io.portcullis.store;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@link Database} on connections of its own, outside the shared pool: see {@link Database#dedicated}.
 * Closing it closes those connections.
 */
@ProviderType
public interface DedicatedDatabase extends Database, AutoCloseable {

    @Override
    void close();
}
