package io.portcullis.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.hosts.HostException;
import io.portcullis.hosts.HostedPlugin;
import io.portcullis.hosts.Isolation;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

class HostsComponentTest {

    @TempDir
    Path dir;

    private final RecordingAuditLog audit = new RecordingAuditLog();

    @Test
    void productionRefusesAProcessIsolationAndSaysHow() throws Exception {
        HostsComponent hosts = component(TestConfig.of("process", "production", 160, 256, ""));

        assertThat(hosts.isolation()).isEqualTo(Isolation.PROCESS);
        assertThat(hosts.unavailable()).get().asString().contains("refused under profile = production");
        HostException refused = failure(hosts);
        assertThat(refused.reason()).isEqualTo(HostException.Reason.UNAVAILABLE);
        assertThat(refused.getMessage()).isEqualTo(hosts.unavailable().orElseThrow());
        assertThat(audit.events)
                .singleElement()
                .satisfies(e -> assertThat(e.reasonCode()).isEqualTo("unavailable"));
        hosts.deactivate();
    }

    @Test
    void inProcessIsolationHostsNothing() throws Exception {
        HostsComponent hosts = component(TestConfig.of("in-process", "development", 160, 256, ""));

        assertThat(hosts.isolation()).isEqualTo(Isolation.IN_PROCESS);
        assertThat(hosts.unavailable()).isEmpty();
        assertThat(failure(hosts).reason()).isEqualTo(HostException.Reason.UNAVAILABLE);
        hosts.deactivate();
    }

    @Test
    void anInvalidFileFallsBackToTheSandboxInProductionAndAnInvalidEditIsRefused() throws Exception {
        HostsComponent hosts = component(TestConfig.of("jail", "production", 160, 256, ""));

        assertThat(hosts.isolation()).isEqualTo(Isolation.SANDBOX);
        hosts.modified(TestConfig.of("process", "development", 160, 256, ""));
        assertThat(hosts.isolation()).isEqualTo(Isolation.PROCESS);
        hosts.modified(TestConfig.of("process", "development", 1, 256, ""));
        assertThat(hosts.isolation()).isEqualTo(Isolation.PROCESS);
        hosts.deactivate();
    }

    private HostsComponent component(HostsConfig config) throws Exception {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("lib/host/classpath"));
        Map<String, String> properties = Map.of(
                HostsComponent.HOME_PROPERTY, home.toString(),
                HostsComponent.DATA_PROPERTY, dir.resolve("data").toString());
        BundleContext context = (BundleContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new HostsComponent(context, audit, text -> text, config);
    }

    private HostException failure(HostsComponent hosts) throws Exception {
        Path jar = Files.writeString(dir.resolve("p.jar"), "bytes");
        try {
            hosts.start(new HostedPlugin("acme.tool", "1", jar, PluginJars.sha256(jar), Set.of()))
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (HostException) e.getCause();
        }
        throw new AssertionError("started");
    }
}
