package io.portcullis.audit.internal.writer;

import io.portcullis.store.Engine;

class PostgresWriterTest extends WriterContract {

    @Override
    Engine engine() {
        return Engine.POSTGRESQL;
    }
}
