package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.egress.CallScope;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.Scopes;
import io.portcullis.vault.CredentialKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guard injects by kind after every check, only toward allowed hosts, and scrubs what an echoing
 * server sends back; every refusal happens before the value is opened or anything is sent.
 */
class CredentialInjectionTest {

    private static final String TOKEN = "tok-93c1e0a7b4f2";
    private static final String BASIC = "alice:pa55-w0rd-x";
    private static final String KEY = "key-7d41aa09e3";

    private final Harness harness = new Harness();
    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start().on("/echo", exchange -> {
            String received = exchange.getRequestHeaders().getFirst("Authorization") + "|"
                    + exchange.getRequestHeaders().getFirst("X-API-Key");
            exchange.getResponseHeaders().add("X-Echo", received);
            LocalServer.send(exchange, 200, ("you sent " + received).getBytes(StandardCharsets.UTF_8));
        });
        harness.dns.answer("api.test", "127.0.0.1").answer("other.test", "127.0.0.1");
        harness.credentials
                .add("bearer", CredentialKind.BEARER_TOKEN, TOKEN, "api.test")
                .add("oauth", CredentialKind.OAUTH_TOKEN, TOKEN, "*.test")
                .add("basic", CredentialKind.BASIC, BASIC, "api.test")
                .add("key", CredentialKind.API_KEY, KEY, "api.test")
                .add("nowhere", CredentialKind.BEARER_TOKEN, TOKEN)
                .add("hook", CredentialKind.WEBHOOK_URL, "https://hooks.example/abc", "api.test")
                .add("pem", CredentialKind.PRIVATE_KEY, "-----BEGIN-----", "api.test");
    }

    @AfterEach
    void stop() {
        harness.close();
        server.close();
    }

    @Test
    void aBearerTokenIsInjectedAndScrubbedFromTheEcho() throws EgressException {
        EgressResponse response = send("api.test", "bearer");

        assertThat(server.seen)
                .singleElement()
                .satisfies(s -> assertThat(s.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        assertThat(response.bodyText())
                .isEqualTo("you sent Bearer [REDACTED:credential]|null")
                .doesNotContain(TOKEN);
        assertThat(response.headers().get("X-echo")).containsExactly("Bearer [REDACTED:credential]|null");
        assertThat(send("api.test", "oauth").bodyText()).doesNotContain(TOKEN);
    }

    @Test
    void basicIsEncodedAndBothFormsAreScrubbed() throws EgressException {
        String encoded = Base64.getEncoder().encodeToString(BASIC.getBytes(StandardCharsets.UTF_8));

        EgressResponse response = send("api.test", "basic");

        assertThat(server.seen.get(0).header("Authorization")).isEqualTo("Basic " + encoded);
        assertThat(response.bodyText()).isEqualTo("you sent Basic [REDACTED:credential]|null");
    }

    @Test
    void anApiKeyGoesIntoItsHeader() throws EgressException {
        EgressResponse response = send("api.test", "key");

        assertThat(server.seen.get(0).header("X-API-Key")).isEqualTo(KEY);
        assertThat(server.seen.get(0).header("Authorization")).isEmpty();
        assertThat(response.bodyText()).isEqualTo("you sent null|[REDACTED:credential]");
    }

    @Test
    void aHostOutsideTheCredentialsAllowedHostsIsRefusedBeforeAnythingIsSent() {
        assertThat(refusal("other.test", "bearer")).contains("may not be sent to host 'other.test'");
        assertThat(refusal("api.test", "nowhere")).contains("no allowed hosts");
        assertNothingHappened();
    }

    @Test
    void anUnboundCredentialIsRefused() {
        assertThat(refusal("api.test", "someone-elses")).contains("credential 'someone-elses' not bound");
        assertNothingHappened();
    }

    @Test
    void vaultUseIsRequiredForACredentialButNotForAPlainRequest() throws EgressException {
        harness.policy.held.remove(Scopes.VAULT_USE);

        assertThat(refusal("api.test", "bearer")).contains("does not hold vault.use");
        assertNothingHappened();
        assertThat(harness.client().send(EgressRequest.get(url("api.test"))).status())
                .isEqualTo(200);
    }

    @Test
    void netEgressIsRequiredForAnyRequest() {
        harness.policy.held.remove(Scopes.NET_EGRESS);

        EgressException refusal = catchThrowableOfType(
                () -> harness.client().send(EgressRequest.get(url("api.test"))), EgressException.class);

        assertThat(refusal.getMessage()).contains("does not hold net.egress");
        assertNothingHappened();
    }

    @Test
    void kindsThatCannotBeInjectedAreRefused() {
        assertThat(refusal("api.test", "hook")).contains("of kind webhook_url cannot be injected");
        assertThat(refusal("api.test", "pem")).contains("of kind private_key cannot be injected");
        assertNothingHappened();
    }

    @Test
    void thePluginCannotSetCredentialOrFramingHeaders() throws EgressException {
        for (String header : new String[] {
            "Authorization",
            "proxy-authorization",
            "Cookie",
            "Host",
            "Connection",
            "Transfer-Encoding",
            "Content-Length",
            "Accept-Encoding",
            "Proxy-Foo"
        }) {
            EgressException refusal = catchThrowableOfType(
                    () -> harness.client()
                            .send(EgressRequest.get(url("api.test")).withHeader(header, "x")),
                    EgressException.class);
            assertThat(refusal).as(header).isNotNull();
            assertThat(refusal.getMessage()).contains("may not be set by a plugin");
        }
        EgressException injected = catchThrowableOfType(
                () -> harness.client()
                        .send(EgressRequest.get(url("api.test"))
                                .withHeader("X-API-Key", "mine")
                                .withCredential(new CredentialRef("key"))),
                EgressException.class);
        assertThat(injected.getMessage()).contains("is set by credential 'key'");
        EgressException split = catchThrowableOfType(
                () -> harness.client().send(EgressRequest.get(url("api.test")).withHeader("X-Note", "a\r\nHost: evil")),
                EgressException.class);
        assertThat(split.getMessage()).contains("line break");
        assertNothingHappened();

        harness.client().send(EgressRequest.get(url("api.test")).withHeader("X-API-Key", "mine"));
        assertThat(server.seen.get(0).header("X-API-Key")).isEqualTo("mine");
    }

    private void assertNothingHappened() {
        assertThat(server.seen).isEmpty();
        assertThat(harness.credentials.opened).hasValue(0);
    }

    @Test
    void theValueIsOpenedForTheCallsRequestSoItsUseRecordNamesIt() throws EgressException {
        CallScope scope = new CallScope(
                Fakes.WS, Fakes.PLUGIN, java.time.Instant.now().plusSeconds(30), Harness.LOOPBACK, "req-tool-7");
        harness.service()
                .client(scope)
                .send(EgressRequest.get(url("api.test")).withCredential(new CredentialRef("bearer")));
        send("api.test", "bearer"); // a scope outside any request
        assertThat(harness.credentials.openedFor).containsExactly("req-tool-7", "null");
    }

    private EgressResponse send(String host, String credential) throws EgressException {
        return harness.client().send(EgressRequest.get(url(host)).withCredential(new CredentialRef(credential)));
    }

    private String refusal(String host, String credential) {
        EgressException refusal = catchThrowableOfType(() -> send(host, credential), EgressException.class);
        assertThat(refusal).isNotNull();
        assertThat(refusal.reason()).isEqualTo(Reason.REFUSED);
        return refusal.getMessage();
    }

    private URI url(String host) {
        return URI.create("http://" + host + ":" + server.port() + "/echo");
    }
}
