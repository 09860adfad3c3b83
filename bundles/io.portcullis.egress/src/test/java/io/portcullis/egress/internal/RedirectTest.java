package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import io.portcullis.spi.EgressRequest;
import io.portcullis.vault.CredentialKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each redirect is checked from scratch, at most five are followed, and credentials stay with their hosts. */
class RedirectTest {

    private static final String TOKEN = "tok-5f2a9c3e81d7";

    private final Harness harness = new Harness();
    private LocalServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalServer.start();
        harness.dns
                .answer("api.test", "127.0.0.1")
                .answer("other.test", "127.0.0.1")
                .answer("internal.test", "10.0.0.7");
        server.on("/ok", LocalServer.text(200, "landed"))
                .on("/chain/", exchange -> {
                    int left =
                            Integer.parseInt(exchange.getRequestURI().getPath().substring("/chain/".length()));
                    if (left == 0) {
                        LocalServer.send(exchange, 200, "end of chain".getBytes(StandardCharsets.UTF_8));
                    } else {
                        LocalServer.redirect(302, "/chain/" + (left - 1)).handle(exchange);
                    }
                })
                .on("/to-private", LocalServer.redirect(302, "http://10.0.0.5/admin"))
                .on("/to-metadata", LocalServer.redirect(301, "http://169.254.169.254/latest/meta-data/"))
                .on("/to-internal-name", LocalServer.redirect(302, "http://internal.test/"))
                .on("/to-userinfo", LocalServer.redirect(302, "http://user:pw@api.test:" + server.port() + "/ok"))
                .on("/to-file", LocalServer.redirect(302, "file:///etc/passwd"))
                .on("/to-other", LocalServer.redirect(302, "http://other.test:" + server.port() + "/ok"))
                .on("/see-other", LocalServer.redirect(303, "/ok"))
                .on("/temporary", LocalServer.redirect(307, "/ok"))
                .on(
                        "/reflect",
                        exchange -> LocalServer.redirect(
                                        302,
                                        "http://other.test:" + server.port() + "/ok?leak="
                                                + exchange.getRequestHeaders()
                                                        .getFirst("Authorization")
                                                        .substring("Bearer ".length()))
                                .handle(exchange));
        harness.credentials.add("cred-1", CredentialKind.BEARER_TOKEN, TOKEN, "api.test");
    }

    @AfterEach
    void stop() {
        harness.close();
        server.close();
    }

    @Test
    void aRedirectToAPrivateAddressIsRefused() {
        assertThat(refusal("/to-private")).contains("redirect refused").contains("10.0.0.5");
        assertThat(refusal("/to-metadata")).contains("link-local");
        assertThat(refusal("/to-internal-name")).contains("internal.test").contains("10.0.0.7");
        assertThat(refusal("/to-userinfo")).contains("user information");
        assertThat(refusal("/to-file")).contains("only http and https");
        assertThat(server.seen).extracting(LocalServer.Seen::path).doesNotContain("/ok");
    }

    @Test
    void fiveRedirectsAreFollowedButNotSix() throws EgressException {
        assertThat(harness.client().send(EgressRequest.get(url("/chain/5"))).bodyText())
                .isEqualTo("end of chain");
        server.seen.clear();

        assertThat(refusal("/chain/6")).contains("more than 5 redirects");
        assertThat(server.seen).hasSize(6); // the original and five redirects; the sixth is never requested
    }

    @Test
    void methodsChangeAsBrowsersDo() throws EgressException {
        harness.client()
                .send(EgressRequest.post(url("/see-other"), "a=1".getBytes(StandardCharsets.UTF_8), "text/plain"));
        harness.client()
                .send(EgressRequest.post(url("/temporary"), "b=2".getBytes(StandardCharsets.UTF_8), "text/plain"));

        assertThat(server.seen)
                .extracting(s -> s.method() + " " + s.path() + " " + s.body())
                .containsExactly("POST /see-other a=1", "GET /ok ", "POST /temporary b=2", "POST /ok b=2");
    }

    @Test
    void theCredentialIsDroppedOnAHopToAnotherHost() throws EgressException {
        EgressRequest request = EgressRequest.get(url("/to-other")).withCredential(new CredentialRef("cred-1"));

        assertThat(harness.client().send(request).bodyText()).isEqualTo("landed");

        assertThat(server.seen).hasSize(2);
        assertThat(server.seen.get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(server.seen.get(1).header("Host")).startsWith("other.test:");
        assertThat(server.seen.get(1).header("Authorization")).isEmpty();
    }

    @Test
    void aLocationCarryingTheCredentialIsNotFollowed() {
        EgressException refusal = catchThrowableOfType(
                () -> harness.client()
                        .send(EgressRequest.get(url("/reflect")).withCredential(new CredentialRef("cred-1"))),
                EgressException.class);

        assertThat(refusal.getMessage()).contains("carries the credential").doesNotContain(TOKEN);
        assertThat(server.seen).extracting(LocalServer.Seen::path).containsExactly("/reflect");
    }

    private URI url(String path) {
        return URI.create("http://api.test:" + server.port() + path);
    }

    private String refusal(String path) {
        EgressException refusal =
                catchThrowableOfType(() -> harness.client().send(EgressRequest.get(url(path))), EgressException.class);
        assertThat(refusal).as(path).isNotNull();
        assertThat(refusal.reason()).as(path).isEqualTo(Reason.REFUSED);
        return refusal.getMessage();
    }
}
