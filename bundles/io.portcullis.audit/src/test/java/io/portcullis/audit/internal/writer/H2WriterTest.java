package io.portcullis.audit.internal.writer;

import io.portcullis.store.Engine;

class H2WriterTest extends WriterContract {

    @Override
    Engine engine() {
        return Engine.H2;
    }
}
