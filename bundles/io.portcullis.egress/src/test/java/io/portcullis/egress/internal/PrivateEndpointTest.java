package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.egress.CallScope;
import io.portcullis.egress.EgressRules;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.net.PrivateEndpoint;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A platform administrator's private endpoint opens one exact origin on the server's machine to one
 * plugin, is on the platform audit chain when loaded, and is reported for the plugin API. Loopback is
 * loopback here (no harness stand-in for the public Internet).
 */
class PrivateEndpointTest {

    private final Fakes.Policy policy = new Fakes.Policy(io.portcullis.spi.Scopes.NET_EGRESS);
    private final List<AuditEvent> recorded = new CopyOnWriteArrayList<>();
    private EgressService service;
    private LocalServer server;

    @AfterEach
    void stop() {
        if (service != null) {
            service.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void onlyTheGrantedPluginReachesOnlyItsOrigin() throws Exception {
        server = LocalServer.start().on("/", LocalServer.text(200, "models"));
        String origin = "http://127.0.0.1:" + server.port();
        service = service(List.of(Fakes.PLUGIN + "=" + origin));

        assertThat(send(origin + "/api/tags")).isEqualTo("models");
        assertThatThrownBy(() -> send("http://127.0.0.1:" + (server.port() == 65535 ? 1 : server.port() + 1) + "/"))
                .isInstanceOf(EgressException.class)
                .hasMessageContaining("private endpoint grant");
        assertThatThrownBy(() -> send("https://127.0.0.1:" + server.port() + "/"))
                .isInstanceOf(EgressException.class)
                .hasMessageContaining("private endpoint grant");
        assertThat(server.seen).hasSize(1);
    }

    @Test
    void aGrantToAnotherPluginOpensNothingForThisOne() throws Exception {
        server = LocalServer.start().on("/", LocalServer.text(200, "models"));
        service = service(List.of("io.portcullis.model.ollama=http://127.0.0.1:" + server.port()));

        assertThatThrownBy(() -> send("http://127.0.0.1:" + server.port() + "/"))
                .isInstanceOf(EgressException.class)
                .hasMessageContaining("loopback");
        assertThat(server.seen).isEmpty();
        assertThat(service.origins("io.portcullis.model.ollama")).containsExactly("http://127.0.0.1:" + server.port());
        assertThat(service.origins(Fakes.PLUGIN)).isEmpty();
    }

    @Test
    void loadingGrantsPutsEachOnThePlatformChain() throws Exception {
        service = new EgressService(
                policy.service,
                new Fakes.Credentials(),
                auditLog(),
                config(
                        "io.portcullis.model.ollama=http://127.0.0.1:11434, io.portcullis.model.llamacpp=http://[::1]:8081",
                        "io.portcullis.model.ollama=https://LOCALHOST.:11443"));

        await(
                "the grants load",
                () -> !service.origins("io.portcullis.model.llamacpp").isEmpty());
        assertThat(recorded).extracting(AuditEvent::action).containsOnly("egress.private_endpoints");
        assertThat(recorded).extracting(AuditEvent::workspaceId).containsOnlyNulls();
        assertThat(recorded)
                .extracting(AuditEvent::target)
                .containsExactly("plugin:io.portcullis.model.llamacpp", "plugin:io.portcullis.model.ollama");
        assertThat(service.origins("io.portcullis.model.ollama"))
                .containsExactly("http://127.0.0.1:11434", "https://localhost:11443");
        assertThat(service.origins("io.portcullis.model.llamacpp")).containsExactly("http://[::1]:8081");
    }

    @Test
    void grantsTheAuditLogRefusedLoadOnceItRecordsThemWithoutAConfigChange() throws Exception {
        AtomicBoolean auditUp = new AtomicBoolean(false);
        AtomicInteger attempts = new AtomicInteger();
        AuditLog flaky = new AuditLog() {
            @Override
            public AuditRecord append(AuditEvent event) throws AuditUnavailableException {
                attempts.incrementAndGet();
                if (!auditUp.get()) {
                    throw new AuditUnavailableException("audit: the record was not committed in time");
                }
                recorded.add(event);
                return null;
            }

            @Override
            public boolean writable() {
                return auditUp.get();
            }
        };
        service = new EgressService(
                policy.service,
                new Fakes.Credentials(),
                flaky,
                EgressSettings.from(config("io.portcullis.model.ollama=http://127.0.0.1:11434")),
                Duration.ofMillis(5));

        await("the guard tries again", () -> attempts.get() >= 3);
        assertThat(service.origins("io.portcullis.model.ollama"))
                .as("never in effect before it is on the record")
                .isEmpty();
        auditUp.set(true);
        await(
                "the grant loads once recorded",
                () -> !service.origins("io.portcullis.model.ollama").isEmpty());
        assertThat(service.origins("io.portcullis.model.ollama")).containsExactly("http://127.0.0.1:11434");
        assertThat(recorded).extracting(AuditEvent::target).containsExactly("plugin:io.portcullis.model.ollama");
    }

    @Test
    void aStoppedGuardStopsRetrying() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AuditLog down = new AuditLog() {
            @Override
            public AuditRecord append(AuditEvent event) throws AuditUnavailableException {
                attempts.incrementAndGet();
                throw new AuditUnavailableException("audit: the log is stopped; nothing was recorded");
            }

            @Override
            public boolean writable() {
                return false;
            }
        };
        EgressService stopped = new EgressService(
                policy.service,
                new Fakes.Credentials(),
                down,
                EgressSettings.from(config("io.portcullis.model.ollama=http://127.0.0.1:11434")),
                Duration.ofMillis(5));
        await("the guard tries again", () -> attempts.get() >= 2);
        stopped.stop();
        int after = attempts.get();
        Thread.sleep(100);
        assertThat(attempts.get())
                .as("at most the retry that was already running")
                .isLessThanOrEqualTo(after + 1);
        assertThat(stopped.origins("io.portcullis.model.ollama")).isEmpty();
    }

    /** Waits for {@code condition}, failing after a bound far above any machine's need. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aBadGrantFailsActivationNamingTheProperty() {
        for (String bad : List.of(
                "http://127.0.0.1:11434",
                "x=http://127.0.0.1",
                "x=http://127.0.0.1:11434/api",
                "x=ftp://127.0.0.1:21",
                "x=http://169.254.169.254:80",
                "x=http://user@127.0.0.1:1")) {
            assertThatThrownBy(
                            () -> new EgressService(policy.service, new Fakes.Credentials(), auditLog(), config(bad)))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("privateEndpoints entry 0")
                    .hasMessageContaining("io.portcullis.egress");
        }
        assertThat(recorded).isEmpty();
    }

    private String send(String url) throws EgressException {
        CallScope scope = new CallScope(Fakes.WS, Fakes.PLUGIN, Instant.now().plusSeconds(30), EgressRules.DEFAULT);
        return service.client(scope).send(EgressRequest.get(URI.create(url))).bodyText();
    }

    private EgressService service(List<String> grants) {
        EgressSettings settings = EgressSettings.DEFAULT.withPrivateEndpoints(
                PrivateEndpoint.parseAll("privateEndpoints", grants.toArray(String[]::new)));
        return new EgressService(
                policy.service,
                new Fakes.Credentials(),
                settings,
                new Fakes.Dns(),
                AddressClassifier.of(OwnAddresses.NONE),
                Clock.systemUTC());
    }

    private AuditLog auditLog() {
        return new AuditLog() {
            @Override
            public AuditRecord append(AuditEvent event) {
                recorded.add(event);
                return null;
            }

            @Override
            public boolean writable() {
                return true;
            }
        };
    }

    static EgressConfig config(String... privateEndpoints) {
        return new EgressConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EgressConfig.class;
            }

            @Override
            public long maxResponseBytes() {
                return 1024 * 1024;
            }

            @Override
            public long connectTimeoutMillis() {
                return 5000;
            }

            @Override
            public int maxRedirects() {
                return 5;
            }

            @Override
            public long maxStreamBytes() {
                return 8L * 1024 * 1024;
            }

            @Override
            public long streamIdleMillis() {
                return 30_000;
            }

            @Override
            public int maxStreamLineBytes() {
                return 1024 * 1024;
            }

            @Override
            public String[] privateEndpoints() {
                return privateEndpoints;
            }
        };
    }
}
