package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.egress.CallScope;
import io.portcullis.egress.EgressRules;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.Scopes;
import io.portcullis.spi.net.PrivateEndpoint;
import io.portcullis.vault.CredentialHandle;
import io.portcullis.vault.CredentialKind;
import io.portcullis.vault.CredentialUse;
import io.portcullis.vault.SecretValue;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code Egress.context} (a model call's whole context) and {@code Egress.check} for one plugin. */
class ContextTest {

    private static final String TOKEN = "tok-context-31f9";
    private static final Instant DEADLINE = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.MILLIS);

    private final Harness harness = new Harness();
    private EgressService service;
    private LocalServer server;

    @AfterEach
    void stop() {
        harness.close();
        if (service != null) {
            service.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theContextCarriesTheScopeAndOneGuardedClient() throws Exception {
        server = LocalServer.start().on("/", LocalServer.text(200, "pong"));
        harness.dns.answer("api.test", "127.0.0.1");
        CallContext context = harness.service().context(scope(Fakes.WS));

        assertThat(context.workspaceId()).isEqualTo(Fakes.WS);
        assertThat(context.deadline()).isEqualTo(DEADLINE);
        assertThat(context.egress()).isSameAs(context.egress()).isInstanceOf(GuardedClient.class);
        assertThat(context.egress()
                        .send(EgressRequest.get(URI.create("http://api.test:" + server.port() + "/")))
                        .bodyText())
                .isEqualTo("pong");
    }

    @Test
    void aCredentialIsHandedOnlyWhenBoundAndWithVaultUse() {
        harness.credentials.add("cred-1", CredentialKind.BEARER_TOKEN, TOKEN, "api.test");
        CallContext context = harness.service().context(scope(Fakes.WS));

        assertThat(context.credential("cred-1")).contains(new CredentialRef("cred-1"));
        assertThat(context.credential("unbound")).isEmpty();
        assertThat(harness.service().context(scope("ws-2")).credential("cred-1"))
                .as("another workspace's call")
                .isEmpty();

        harness.policy.held.remove(Scopes.VAULT_USE);
        assertThat(context.credential("cred-1")).as("without vault.use").isEmpty();
        assertThat(harness.credentials.opened).hasValue(0);
    }

    @Test
    void aFailedLookupIsAnEmptyAnswerNotAnException() {
        service = new EgressService(
                harness.policy.service,
                new CredentialUse() {
                    @Override
                    public Optional<CredentialHandle> handle(String workspaceId, String pluginId, String id) {
                        throw new IllegalStateException("the database is down");
                    }

                    @Override
                    public SecretValue open(CredentialHandle handle) {
                        throw new AssertionError("never opened");
                    }

                    @Override
                    public SecretValue reveal(String workspaceId, String pluginId, Set<String> scopes, String id) {
                        throw new AssertionError("never revealed");
                    }
                },
                EgressSettings.DEFAULT,
                new Fakes.Dns(),
                Harness.LOOPBACK_IS_PUBLIC,
                Clock.systemUTC());

        assertThat(service.context(scope(Fakes.WS)).credential("cred-1")).isEmpty();
    }

    @Test
    void checkForAPluginLetsItsOwnPrivateEndpointThrough() throws Exception {
        URI local = URI.create("http://127.0.0.1:11434/v1");
        EgressSettings settings = EgressSettings.DEFAULT.withPrivateEndpoints(
                PrivateEndpoint.parseAll("privateEndpoints", new String[] {Fakes.PLUGIN + "=http://127.0.0.1:11434"}));
        service = new EgressService(
                harness.policy.service,
                harness.credentials,
                settings,
                new Fakes.Dns(),
                AddressClassifier.of(OwnAddresses.NONE),
                Clock.systemUTC());

        service.check(local, EgressRules.DEFAULT, Fakes.PLUGIN);

        assertThatThrownBy(() -> service.check(local, EgressRules.DEFAULT))
                .isInstanceOfSatisfying(
                        EgressException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REFUSED))
                .hasMessageContaining("private endpoint grant");
        assertThatThrownBy(() -> service.check(local, EgressRules.DEFAULT, "io.portcullis.model.other"))
                .isInstanceOf(EgressException.class)
                .hasMessageContaining("private endpoint grant");
        assertThatThrownBy(
                        () -> service.check(URI.create("http://127.0.0.1:11435/v1"), EgressRules.DEFAULT, Fakes.PLUGIN))
                .as("another port of the same host")
                .isInstanceOf(EgressException.class);
        assertThatThrownBy(
                        () -> service.check(URI.create("http://169.254.169.254/"), EgressRules.DEFAULT, Fakes.PLUGIN))
                .isInstanceOf(EgressException.class);
    }

    private static CallScope scope(String workspaceId) {
        return new CallScope(workspaceId, Fakes.PLUGIN, DEADLINE, Harness.LOOPBACK, "req-1");
    }
}
