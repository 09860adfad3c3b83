package io.portcullis.host.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SystemPackagesTest {

    @Test
    void lendsTheSpiJacksonAndSlf4jPackagesWithTheirVersionsAndNothingElse() throws Exception {
        String extra = SystemPackages.extra(System.getProperty("java.class.path"));

        assertThat(extra)
                .containsPattern("io\\.portcullis\\.spi;version=\"1\\.[0-9]+\\.[0-9]+\"")
                .contains("io.portcullis.spi.annotation")
                .contains("com.fasterxml.jackson.databind;")
                .contains("com.fasterxml.jackson.core;")
                .contains("com.fasterxml.jackson.annotation;")
                .contains("org.slf4j;");
        // on this class path too, but never lent: the host itself, the test's log binding, JUnit
        assertThat(extra)
                .doesNotContain("io.portcullis.host")
                .doesNotContain("ch.qos.logback")
                .doesNotContain("org.junit");
    }

    @Test
    void entriesThatAreMissingOrNotBundlesAreSkipped() throws Exception {
        assertThat(SystemPackages.extra("does-not-exist.jar" + java.io.File.pathSeparator))
                .isEmpty();
    }
}
