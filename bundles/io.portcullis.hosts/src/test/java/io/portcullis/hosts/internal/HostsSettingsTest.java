package io.portcullis.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.hosts.Isolation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HostsSettingsTest {

    @Test
    void theDefaultsAreTheSandboxInProduction() {
        HostsSettings settings = HostsSettings.from(config("sandbox", "production", 160, 256, ""));

        assertThat(settings.isolation()).isEqualTo(Isolation.SANDBOX);
        assertThat(settings.production()).isTrue();
        assertThat(settings.javaHome()).isEqualTo(Path.of(System.getProperty("java.home")));
    }

    @Test
    void badValuesAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> HostsSettings.from(config("jail", "production", 160, 256, "")))
                .hasMessage("isolation of io.portcullis.hosts must be sandbox, process or in-process, was 'jail'");
        assertThatThrownBy(() -> HostsSettings.from(config("sandbox", "prod", 160, 256, "")))
                .hasMessageContaining("profile of io.portcullis.hosts");
        assertThatThrownBy(() -> HostsSettings.from(config("sandbox", "production", 10, 256, "")))
                .hasMessage("memoryMb of io.portcullis.hosts must be 64..65536, was 10");
        assertThatThrownBy(() -> HostsSettings.from(config("sandbox", "production", 160, 1, "")))
                .hasMessageContaining("openFiles");
        assertThat(HostsSettings.from(config("In-Process", "Development", 64, 64, "/opt/jdk")))
                .satisfies(s -> {
                    assertThat(s.isolation()).isEqualTo(Isolation.IN_PROCESS);
                    assertThat(s.java()).isEqualTo(Path.of("/opt/jdk/bin/java"));
                });
    }

    static HostsConfig config(String isolation, String profile, int memoryMb, int openFiles, String javaHome) {
        return TestConfig.of(isolation, profile, memoryMb, openFiles, javaHome);
    }
}
