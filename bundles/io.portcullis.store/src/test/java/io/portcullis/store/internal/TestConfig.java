package io.portcullis.store.internal;

import java.lang.annotation.Annotation;

/** A {@link StoreConfig} as ConfigAdmin and DS would hand it over. */
record TestConfig(String url, String user, String password, int maxPoolSize) implements StoreConfig {

    static TestConfig defaults() {
        return new TestConfig("", "", "", 10);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return StoreConfig.class;
    }
}
