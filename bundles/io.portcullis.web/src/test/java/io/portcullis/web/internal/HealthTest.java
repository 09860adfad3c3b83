package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.store.health.HealthCheck;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthTest {

    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer(TestConfig.ephemeral(1024));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static HealthCheck check(String name, @Nullable String problem) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public @Nullable String problem() {
                return problem;
            }
        };
    }

    private JsonNode notReady() {
        HttpResponse<String> response = server.http.get("/health/ready");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return Http.json(response);
    }

    @Test
    void liveAnswersUp() {
        HttpResponse<String> response = server.http.get("/health/live");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void readyNamesAMissingRequiredCheck() {
        assertThat(notReady().get("detail").asText()).isEqualTo("Not ready: database (not registered)");
    }

    @Test
    void readyNamesAFailingCheckAndRecoversWhenItPasses() {
        server.component.addCheck("db", check("database", "connection refused"));
        assertThat(notReady().get("detail").asText()).isEqualTo("Not ready: database: connection refused");

        server.component.removeCheck("db");
        server.component.addCheck("db2", check("database", null));
        server.component.addCheck("cache", check("cache", "cold")); // not required: shown, not blocking
        HttpResponse<String> response = server.http.get("/health/ready");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"status\":\"UP\",\"checks\":{\"database\":\"UP\",\"cache\":\"DOWN\"}}");
    }

    /** A check that answers only when {@code release} opens, and counts its calls. */
    private static HealthCheck blockedUntil(CountDownLatch release, CountDownLatch entered, AtomicInteger calls) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public @Nullable String problem() {
                calls.incrementAndGet();
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }
        };
    }

    @Test
    void aHangingCheckIsTimeBoxedAndNotCalledAgainWhileItHangs() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        server.component.addCheck("slow", blockedUntil(release, new CountDownLatch(1), calls));

        // The check is still blocked, so these answers prove the probe stopped waiting for it (an
        // unbounded wait would hit the test client's request timeout and fail the test instead).
        assertThat(notReady().get("detail").asText()).isEqualTo("Not ready: database: no answer within 1000 ms");
        assertThat(notReady().get("detail").asText()).isEqualTo("Not ready: database: no answer within 1000 ms");
        assertThat(release.getCount()).as("the check is still hanging").isEqualTo(1);
        assertThat(calls).as("the hanging call is reused, not repeated").hasValue(1);

        release.countDown();
        // The pending call has now answered; the next probe collects its result (no second call).
        assertThat(server.http.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aCheckThatAnswersAfterTheProbeStartedIsWaitedFor() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        server.component.addCheck("slow", blockedUntil(release, entered, new AtomicInteger()));

        CompletableFuture<HttpResponse<String>> probe =
                CompletableFuture.supplyAsync(() -> server.http.get("/health/ready"));
        entered.await(); // the probe is now waiting on the check
        release.countDown();

        // A probe that did not wait for a check answering within the box would report it down.
        assertThat(probe.get().statusCode()).isEqualTo(200);
    }
}
