package io.portcullis.web.internal;

import java.lang.annotation.Annotation;

/** A {@link WebConfig} without Configuration Admin: what SCR would hand the component. */
record TestConfig(String host, int port, long maxBodyBytes, String[] requiredChecks) implements WebConfig {

    static TestConfig defaults() {
        return new TestConfig("127.0.0.1", 8080, 1_048_576, new String[] {"database"});
    }

    static TestConfig ephemeral(long maxBodyBytes) {
        return new TestConfig("127.0.0.1", 0, maxBodyBytes, new String[] {"database"});
    }

    TestConfig withPort(int newPort) {
        return new TestConfig(host, newPort, maxBodyBytes, requiredChecks);
    }

    TestConfig withHost(String newHost) {
        return new TestConfig(newHost, port, maxBodyBytes, requiredChecks);
    }

    TestConfig withMaxBodyBytes(long newMax) {
        return new TestConfig(host, port, newMax, requiredChecks);
    }

    TestConfig withRequiredChecks(String... checks) {
        return new TestConfig(host, port, maxBodyBytes, checks);
    }

    @Override
    public Class<? extends Annotation> annotationType() {
        return WebConfig.class;
    }
}
