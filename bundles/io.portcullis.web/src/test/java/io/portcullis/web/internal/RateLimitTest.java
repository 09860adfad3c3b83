package io.portcullis.web.internal;

import static io.portcullis.web.internal.AccessTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rate limits over real HTTP, with tiny limits: per caller by rate class, per client address otherwise. */
class RateLimitTest {

    private static final TestConfig TINY =
            TestConfig.ephemeral(1024).withRateLimits("viewer=2", "default=3").withAnonymousRatePerMinute(2);

    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(TINY);
        server.component.authenticators().add("fake", "fake", 0, 1, new FakeCallers());
        server.component.addRoutes("access", "access test", AccessTest.routes());
        server.component.addRoutes(
                "hooks",
                "hooks",
                () -> List.of(
                        Route.post("/hooks/slack", r -> ApiResponse.noContent()).publicAccess()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertLimited(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After"))
                .hasValueSatisfying(
                        seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
        assertThat(AccessTest.comparable(response).get("title").asText()).isEqualTo("Too Many Requests");
    }

    @Test
    void aCallerIsLimitedByItsRateClassAndOthersAreNot() {
        Http http = server.http;
        assertThat(get(http, "/api/v1/me", "Bearer bob-token").statusCode()).isEqualTo(200);
        assertThat(get(http, "/api/v1/me", "Bearer bob-token").statusCode()).isEqualTo(200);
        assertLimited(get(http, "/api/v1/me", "Bearer bob-token"));
        assertLimited(get(http, "/api/v1/workspaces/ws1/members", "Bearer bob-token")); // before the 403

        // "owner" is not configured: the default class's 3 per minute apply; bob's use is not alice's.
        for (int i = 0; i < 3; i++) {
            assertThat(get(http, "/api/v1/me", "Bearer alice-token").statusCode())
                    .isEqualTo(200);
        }
        assertLimited(get(http, "/api/v1/me", "Bearer alice-token"));

        // A live edit applies to the next request.
        server.component.modified(TINY.withRateLimits("viewer=5", "default=3"));
        assertThat(get(http, "/api/v1/me", "Bearer bob-token").statusCode()).isEqualTo(200);
    }

    @Test
    void anonymousRequestsAreLimitedPerAddressButCallersAndHealthAreNot() {
        Http http = server.http;
        assertThat(get(http, "/api/v1/public").statusCode()).isEqualTo(200);
        assertThat(get(http, "/api/v1/public").statusCode()).isEqualTo(200);
        assertLimited(get(http, "/api/v1/public"));
        assertLimited(get(http, "/api/v1/me", "Bearer unknown-token")); // the same address's bucket
        assertLimited(get(http, "/api/v1/me"));

        assertThat(get(http, "/api/v1/me", "Bearer alice-token").statusCode()).isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            assertThat(get(http, "/health/live").statusCode()).isEqualTo(200);
            assertThat(http.post("/hooks/slack", "application/json", "{}").statusCode())
                    .isEqualTo(204);
        }
    }

    @Test
    void refusedCredentialsSpendTheAddressLimit() {
        Http http = server.http;
        assertThat(get(http, "/api/v1/me", "Bearer guess-1").statusCode()).isEqualTo(401);
        assertThat(get(http, "/api/v1/me", "Basic guess-2").statusCode()).isEqualTo(401);
        assertLimited(get(http, "/api/v1/me", "Bearer guess-3"));
        assertLimited(get(http, "/api/v1/public"));

        assertThat(get(http, "/api/v1/me", "Bearer alice-token").statusCode()).isEqualTo(200);
        server.component.modified(TINY.withAnonymousRatePerMinute(5));
        assertThat(get(http, "/api/v1/public").statusCode()).isEqualTo(200);
    }
}
