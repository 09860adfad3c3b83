package io.portcullis.models.internal.metering;

import static io.portcullis.web.testing.FakeRequest.problem;
import static io.portcullis.web.testing.FakeRequest.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.Decision;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.spi.ModelProvider.Usage;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.testing.FakeRequest;
import io.portcullis.web.testing.TestCaller;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metering routes' handlers on H2, as the web layer calls them once the permission was checked. */
class MeteringRoutesTest {

    static final String WS = "ws-routes";
    static final String PLUGIN = "io.portcullis.model.openai";

    TestDatabase db;
    TestClock clock;
    Metering metering;
    RecordingAuditLog audit;
    List<Route> routes;

    @BeforeEach
    void setUp() throws Exception {
        db = TestDatabase.h2("models");
        clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
        metering = new Metering(db.database, DbTime.of(clock));
        audit = new RecordingAuditLog();
        routes = MeteringRoutes.routes(metering, audit);
    }

    ApiResponse call(HttpMethod method, String path, TestCaller caller, Map<String, String> query, String body)
            throws Exception {
        Route route = routes.stream()
                .filter(r -> r.method() == method && r.path().equals(path))
                .findFirst()
                .orElseThrow();
        Map<String, String> params = caller.workspace() == null ? Map.of() : Map.of("ws", WS);
        return route.handler().handle(new FakeRequest(method, caller, params, query, body));
    }

    JsonNode putPrice(String json) throws Exception {
        return tree(call(HttpMethod.PUT, MeteringRoutes.PRICES, TestCaller.platform(), Map.of(), json));
    }

    static String price(String model, long input, long output) {
        return "{\"plugin_id\":\"" + PLUGIN + "\",\"model\":\"" + model + "\",\"input_micros_per_million\":" + input
                + ",\"output_micros_per_million\":" + output + "}";
    }

    @Test
    void routesRequireTheirPermissions() {
        assertThat(routes)
                .extracting(r -> r.method() + " " + r.path() + " " + r.access().permission())
                .containsExactlyInAnyOrder(
                        "GET /api/v1/model-prices platform:models:read",
                        "PUT /api/v1/model-prices platform:models:write",
                        "GET /api/v1/model-prices/history platform:models:read",
                        "GET /api/v1/workspaces/{ws}/budget workspace:{ws}:budget:read",
                        "PUT /api/v1/workspaces/{ws}/budget workspace:{ws}:budget:write",
                        "GET /api/v1/workspaces/{ws}/usage workspace:{ws}:usage:read");
    }

    @Test
    void aPriceSetTwiceHasTwoVersionsOnTheRecord() throws Exception {
        JsonNode first = putPrice(price("gpt-4o-mini", 150_000, 600_000));
        assertThat(first.get("version").asLong()).isEqualTo(1);
        JsonNode second = putPrice(price("gpt-4o-mini", 200_000, 800_000));
        assertThat(second.get("version").asLong()).isEqualTo(2);
        assertThat(second.get("set_by").asText()).isEqualTo("platform-caller");
        assertThat(metering.price(PLUGIN, "gpt-4o-mini").orElseThrow().inputMicrosPerMillion())
                .isEqualTo(200_000);

        List<AuditEvent> events = audit.take();
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo("model.price.set");
            assertThat(e.workspaceId()).isNull();
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED);
            assertThat(e.target()).isEqualTo("model:" + PLUGIN + "/gpt-4o-mini");
        });

        JsonNode history = tree(call(
                HttpMethod.GET,
                MeteringRoutes.PRICES + "/history",
                TestCaller.platform(),
                Map.of("plugin_id", PLUGIN, "model", "gpt-4o-mini"),
                ""));
        assertThat(history.get("versions")).hasSize(2);
        assertThat(history.get("versions")
                        .get(0)
                        .get("input_micros_per_million")
                        .asLong())
                .isEqualTo(200_000);
    }

    @Test
    void pricesArePagedByPluginAndModelShowingTheVersionInForce() throws Exception {
        putPrice(price("b-model", 1, 1));
        putPrice(price("a-model", 1, 1));
        putPrice(price("meta-llama/Llama-3-8B", 0, 0));
        putPrice(price("a-model", 2, 2));
        JsonNode page =
                tree(call(HttpMethod.GET, MeteringRoutes.PRICES, TestCaller.platform(), Map.of("limit", "2"), ""));
        assertThat(page.get("items")).extracting(i -> i.get("model").asText()).containsExactly("a-model", "b-model");
        assertThat(page.get("items").get(0).get("version").asLong()).isEqualTo(2);
        String next = page.get("next_cursor").asText();
        JsonNode last = tree(call(
                HttpMethod.GET,
                MeteringRoutes.PRICES,
                TestCaller.platform(),
                Map.of("limit", "2", "cursor", next),
                ""));
        assertThat(last.get("items")).extracting(i -> i.get("model").asText()).containsExactly("meta-llama/Llama-3-8B");
        assertThat(last.get("next_cursor").isNull()).isTrue();
        ProblemException bad = problem(
                () -> call(HttpMethod.GET, MeteringRoutes.PRICES, TestCaller.platform(), Map.of("cursor", "!!"), ""));
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void invalidPricesAreRefusedAndNothingIsSet() throws Exception {
        for (String body : List.of(
                price("m", -1, 0),
                price("m", 0, 1_000_000_000_001L),
                price("bad model", 1, 1),
                "{\"plugin_id\":\"" + PLUGIN + "\",\"model\":\"m\",\"input_micros_per_million\":1}",
                "{\"plugin_id\":\"" + PLUGIN + "\",\"model\":\"m\",\"input_micros_per_million\":1,"
                        + "\"output_micros_per_million\":1,\"currency\":\"EUR\"}",
                "{\"plugin_id\":\"" + PLUGIN + "\",\"model\":\"m\",\"input_micros_per_million\":1.5,"
                        + "\"output_micros_per_million\":1}")) {
            ProblemException refused = problem(() -> putPrice(body));
            assertThat(refused.status()).as(body).isEqualTo(400);
        }
        assertThat(metering.price(PLUGIN, "m")).isEmpty();
        assertThat(audit.take()).noneMatch(e -> e.decision() == Decision.ALLOWED);
        // The largest price is allowed, and so is 0.
        assertThat(putPrice(price("m", 1_000_000_000_000L, 0)).get("version").asLong())
                .isEqualTo(1);
    }

    @Test
    void aChangeThatCannotBeRecordedIsNotMade() throws Exception {
        audit.failing(true);
        assertThat(problem(() -> putPrice(price("m", 1, 1))).status()).isEqualTo(503);
        assertThat(metering.price(PLUGIN, "m")).isEmpty();
        assertThat(problem(() -> call(
                                HttpMethod.PUT,
                                MeteringRoutes.BUDGET,
                                TestCaller.member(WS),
                                Map.of(),
                                "{\"monthly_limit_micros\":5}"))
                        .status())
                .isEqualTo(503);
        audit.failing(false);
        JsonNode budget = tree(call(HttpMethod.GET, MeteringRoutes.BUDGET, TestCaller.member(WS), Map.of(), ""));
        assertThat(budget.get("monthly_limit_micros").asLong()).isZero();
    }

    @Test
    void aWorkspaceWithoutABudgetHasNothingToSpendAndDefaultLimits() throws Exception {
        JsonNode budget = tree(call(HttpMethod.GET, MeteringRoutes.BUDGET, TestCaller.member(WS), Map.of(), ""));
        assertThat(budget.get("monthly_limit_micros").asLong()).isZero();
        assertThat(budget.get("calls_per_minute").asLong()).isEqualTo(60);
        assertThat(budget.get("tokens_per_minute").asLong()).isEqualTo(200_000);
        assertThat(budget.get("set_by").isNull()).isTrue();
    }

    @Test
    void aBudgetIsSetOnTheWorkspacesRecordAndValidated() throws Exception {
        JsonNode set = tree(call(
                HttpMethod.PUT,
                MeteringRoutes.BUDGET,
                TestCaller.member(WS),
                Map.of(),
                "{\"monthly_limit_micros\":50000000,\"calls_per_minute\":10}"));
        assertThat(set.get("monthly_limit_micros").asLong()).isEqualTo(50_000_000);
        assertThat(set.get("calls_per_minute").asLong()).isEqualTo(10);
        assertThat(set.get("tokens_per_minute").asLong()).isEqualTo(200_000);
        assertThat(audit.take()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("model.budget.set");
            assertThat(e.workspaceId()).isEqualTo(WS);
            assertThat(e.decision()).isEqualTo(Decision.ALLOWED);
        });
        for (String body : List.of(
                "{\"monthly_limit_micros\":-1}",
                "{\"monthly_limit_micros\":1000000000000000001}",
                "{\"calls_per_minute\":5}",
                "{\"monthly_limit_micros\":1,\"calls_per_minute\":0}",
                "{\"monthly_limit_micros\":1,\"tokens_per_minute\":1000000001}",
                "{\"monthly_limit_micros\":1,\"period\":\"day\"}")) {
            ProblemException refused =
                    problem(() -> call(HttpMethod.PUT, MeteringRoutes.BUDGET, TestCaller.member(WS), Map.of(), body));
            assertThat(refused.status()).as(body).isEqualTo(400);
        }
        JsonNode budget = tree(call(HttpMethod.GET, MeteringRoutes.BUDGET, TestCaller.member(WS), Map.of(), ""));
        assertThat(budget.get("monthly_limit_micros").asLong()).isEqualTo(50_000_000);
        // Another workspace's caller cannot read it: the path's workspace is not theirs.
        ProblemException other =
                problem(() -> call(HttpMethod.GET, MeteringRoutes.BUDGET, TestCaller.member("ws-other"), Map.of(), ""));
        assertThat(other.status()).isEqualTo(404);
    }

    @Test
    void usageShowsThePeriodPerModelAndPerDay() throws Exception {
        putPrice(price("gpt-4o-mini", 1_000_000, 2_000_000));
        putPrice(price("llama3", 0, 0));
        call(
                HttpMethod.PUT,
                MeteringRoutes.BUDGET,
                TestCaller.member(WS),
                Map.of(),
                "{\"monthly_limit_micros\":100000}");
        Reservation a = metering.reserve(request("gpt-4o-mini", 1000, 1000));
        metering.settle(WS, a.id(), new Usage(100, 50), 10); // 100 + 100
        clock.advance(java.time.Duration.ofDays(1));
        Reservation b = metering.reserve(request("gpt-4o-mini", 1000, 1000)); // 3000 held
        Reservation c = metering.reserve(request("llama3", 1000, 1000));
        metering.settle(WS, c.id(), new Usage(10, 10), 10);

        JsonNode usage = tree(call(HttpMethod.GET, MeteringRoutes.USAGE, TestCaller.member(WS), Map.of(), ""));
        assertThat(usage.get("period_start").asText()).isEqualTo("2026-12-01");
        assertThat(usage.get("period_end").asText()).isEqualTo("2027-01-01");
        assertThat(usage.get("limit_micros").asLong()).isEqualTo(100_000);
        assertThat(usage.get("spent_micros").asLong()).isEqualTo(200);
        assertThat(usage.get("reserved_micros").asLong()).isEqualTo(3000);
        assertThat(usage.get("remaining_micros").asLong()).isEqualTo(100_000 - 200 - 3000);
        assertThat(usage.get("by_model"))
                .extracting(m -> m.get("model").asText() + ":" + m.get("calls").asLong() + ":"
                        + m.get("cost_micros").asLong())
                .containsExactly("gpt-4o-mini:1:200", "llama3:1:0");
        assertThat(usage.get("by_day"))
                .extracting(d -> d.get("day").asText() + ":" + d.get("calls").asLong())
                .containsExactly("2026-12-07:1", "2026-12-08:1");
        assertThat(b.reservedMicros()).isEqualTo(3000);

        JsonNode past = tree(
                call(HttpMethod.GET, MeteringRoutes.USAGE, TestCaller.member(WS), Map.of("period", "2026-11"), ""));
        assertThat(past.get("spent_micros").asLong()).isZero();
        assertThat(past.get("by_model")).isEmpty();
        assertThat(problem(() -> call(
                                HttpMethod.GET,
                                MeteringRoutes.USAGE,
                                TestCaller.member(WS),
                                Map.of("period", "2026-13"),
                                ""))
                        .status())
                .isEqualTo(400);
    }

    ReserveRequest request(String model, long promptBytes, int maxTokens) {
        return new ReserveRequest(WS, "default", PLUGIN, model, promptBytes, maxTokens, clock.instant(), null);
    }
}
