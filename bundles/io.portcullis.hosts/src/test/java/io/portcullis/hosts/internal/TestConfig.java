package io.portcullis.hosts.internal;

import java.lang.annotation.Annotation;

/** A {@link HostsConfig} as Configuration Admin would hand it over. */
final class TestConfig {

    private TestConfig() {}

    static HostsConfig of(String isolation, String profile, int memoryMb, int openFiles, String javaHome) {
        return new HostsConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HostsConfig.class;
            }

            @Override
            public String isolation() {
                return isolation;
            }

            @Override
            public String profile() {
                return profile;
            }

            @Override
            public int memoryMb() {
                return memoryMb;
            }

            @Override
            public long cpuSeconds() {
                return 0;
            }

            @Override
            public int openFiles() {
                return openFiles;
            }

            @Override
            public int startTimeoutSeconds() {
                return 20;
            }

            @Override
            public String javaHome() {
                return javaHome;
            }
        };
    }
}
