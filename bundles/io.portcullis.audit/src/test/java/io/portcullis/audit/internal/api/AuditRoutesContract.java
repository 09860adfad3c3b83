package io.portcullis.audit.internal.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.internal.Canonical;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.StreamingBody;
import io.portcullis.web.testing.TestCaller;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Query, export and retention routes, the same on H2 and PostgreSQL. */
abstract class AuditRoutesContract {

    static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");
    static final String WS = "ws_alpha";
    static final String OTHER = "ws_beta";

    final TestCaller member = TestCaller.member(WS);
    final TestCaller stranger = TestCaller.member(OTHER);
    final TestCaller platform = TestCaller.platform();

    TestDatabase db;
    TestClock clock;
    TestChains chains;
    Api api;

    abstract TestDatabase database() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        db = database();
        clock = new TestClock(T0.plus(Duration.ofDays(1)));
        chains = new TestChains(db.database, clock);
        api = new Api(db.database, clock);
    }

    @Test
    void queryAnswersNewestFirstWithEveryField() throws Exception {
        List<AuditRecord> written = chains.append(Chain.workspace(WS), 3, T0, Duration.ofSeconds(1));

        Map<String, Object> page = api.json(member, "", Map.of());

        List<Map<String, Object>> items = items(page);
        assertThat(items).extracting(item -> item.get("sequence")).containsExactly(3, 2, 1);
        assertThat(page.get("next_cursor")).isNull();
        assertThat(items.get(0))
                .containsOnlyKeys(
                        "chain",
                        "sequence",
                        "time",
                        "workspace_id",
                        "actor",
                        "action",
                        "target",
                        "decision",
                        "reason_code",
                        "reason_text",
                        "arguments_hmac",
                        "result_status",
                        "latency_ms",
                        "request_id",
                        "previous_hash",
                        "hash");
        assertThat(items.get(2).get("previous_hash")).isEqualTo(AuditRecord.GENESIS);
        for (int i = 0; i < 3; i++) {
            AuditRecord shown = Records.of(items.get(2 - i));
            assertThat(shown).isEqualTo(written.get(i));
            assertThat(Canonical.hash(shown)).isEqualTo(shown.hash());
        }
    }

    @Test
    void pagesWalkEveryRecordOnceNewestFirst() throws Exception {
        chains.append(Chain.workspace(WS), 7, T0, Duration.ofSeconds(1));

        List<Object> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> query = new HashMap<>(Map.of("limit", "3"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            Map<String, Object> page = api.json(member, "", query);
            items(page).forEach(item -> seen.add(item.get("sequence")));
            cursor = (String) page.get("next_cursor");
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactly(7, 6, 5, 4, 3, 2, 1);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void filtersMatchExactly() throws Exception {
        // event(n): actor key-(n%3), action http.request for even n, decision values()[n%3], target target:(n%5)
        chains.append(Chain.workspace(WS), 30, T0, Duration.ofMinutes(1));

        assertThat(sequences(Map.of("actor", "key-1")))
                .allMatch(s -> (s - 1) % 3 == 1)
                .hasSize(10);
        assertThat(sequences(Map.of("action", "tool.invoke")))
                .allMatch(s -> (s - 1) % 2 == 1)
                .hasSize(15);
        assertThat(sequences(Map.of("decision", "denied")))
                .allMatch(s -> (s - 1) % 3 == 1)
                .hasSize(10);
        assertThat(sequences(Map.of("target", "target:4")))
                .allMatch(s -> (s - 1) % 5 == 4)
                .hasSize(6);
        assertThat(sequences(Map.of(
                        "from",
                        T0.plus(Duration.ofMinutes(10)).toString(),
                        "to",
                        T0.plus(Duration.ofMinutes(13)).toString())))
                .containsExactly(13L, 12L, 11L);
        assertThat(sequences(Map.of("actor", "key-0", "decision", "allowed", "action", "http.request")))
                .containsExactly(25L, 19L, 13L, 7L, 1L);
        assertThat(sequences(Map.of("actor", "nobody"))).isEmpty();
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("from", "yesterday"),
                Arguments.of("to", "2024-05-01"),
                Arguments.of("decision", "maybe"),
                Arguments.of("actor", ""),
                Arguments.of("action", "x".repeat(65)),
                Arguments.of("target", "t".repeat(501)),
                Arguments.of("limit", "0"),
                Arguments.of("limit", "201"),
                Arguments.of("cursor", "abc"),
                Arguments.of("cursor", "-1"));
    }

    @ParameterizedTest
    @MethodSource("badQueries")
    void badFilterValuesAre400NamingTheParameter(String name, String value) {
        assertThatThrownBy(() -> api.get(member, "", Map.of(name, value)))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    assertThat(problem.status()).isEqualTo(400);
                    assertThat(problem.detail()).contains("'" + name + "'");
                });
    }

    @Test
    void aTimeRangeBackwardsIs400() {
        Map<String, String> backwards =
                Map.of("from", T0.toString(), "to", T0.minusSeconds(1).toString());
        assertThatThrownBy(() -> api.get(member, "", backwards))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.status()).isEqualTo(400));
        assertThatThrownBy(() -> api.get(member, "/export", Map.of("from", T0.toString(), "to", "soon")))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.detail()).contains("'to'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/export", "/verify", "/retention"})
    void anotherWorkspacesChainIsNotFound(String sub) throws Exception {
        chains.append(Chain.workspace(OTHER), 3, T0, Duration.ofSeconds(1));

        assertThatThrownBy(() -> api.call(HttpMethod.GET, member, OTHER, sub, Map.of(), ""))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.status()).isEqualTo(404));
        assertThatThrownBy(() -> api.call(HttpMethod.GET, platform, OTHER, sub, Map.of(), ""))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.status()).isEqualTo(404));
        assertThat(api.get(stranger, sub, Map.of()).status()).isEqualTo(200); // the owner's own path works
    }

    @Test
    void eachChainShowsOnlyItsOwnRecords() throws Exception {
        chains.append(Chain.workspace(WS), 2, T0, Duration.ofSeconds(1));
        chains.append(Chain.workspace(OTHER), 3, T0, Duration.ofSeconds(1));
        chains.append(Chain.platform(), 4, T0, Duration.ofSeconds(1));

        assertThat(items(api.json(member, "", Map.of())))
                .extracting(i -> i.get("chain"))
                .containsOnly(WS)
                .hasSize(2);
        assertThat(items(api.json(stranger, "", Map.of())))
                .extracting(i -> i.get("chain"))
                .containsOnly(OTHER)
                .hasSize(3);
        assertThat(items(api.json(platform, "", Map.of())))
                .extracting(i -> i.get("chain"), i -> i.get("workspace_id"))
                .containsOnly(org.assertj.core.groups.Tuple.tuple(AuditRecord.PLATFORM_CHAIN, null))
                .hasSize(4);
        assertThat(Api.lines(api.get(platform, "/export", Map.of()))).hasSize(4);
        assertThat(Api.lines(api.get(member, "/export", Map.of()))).hasSize(2);
    }

    @Test
    void exportStreamsALargeChainCompleteOrderedAndVerifiableInPages() throws Exception {
        int count = 20_000;
        chains.append(Chain.workspace(WS), count, T0, Duration.ofMillis(1));
        RowCounter counter = new RowCounter();
        Api counted = new Api(db.through(counter.wrap(db.dataSource)), clock);

        ApiResponse response = counted.get(member, "/export", Map.of());

        assertThat(((StreamingBody) response.body()).contentType()).isEqualTo("application/jsonl");
        assertThat(counter.recordQueries).hasValue(0); // nothing is read before the body is written
        List<Map<String, Object>> lines = Api.lines(response);
        assertThat(lines).hasSize(count);
        String previous = AuditRecord.GENESIS;
        for (int i = 0; i < count; i++) {
            AuditRecord record = Records.of(lines.get(i));
            assertThat(record.sequence()).isEqualTo(i + 1);
            assertThat(record.previousHash()).isEqualTo(previous);
            assertThat(Canonical.hash(record)).isEqualTo(record.hash());
            previous = record.hash();
        }
        assertThat(counter.maxRows.get()).isEqualTo(RecordPages.PAGE_SIZE);
        assertThat(counter.recordQueries.get()).isGreaterThanOrEqualTo(count / RecordPages.PAGE_SIZE);
    }

    @Test
    void exportLimitsToTheTimeRangeAndMatchesTheQuery() throws Exception {
        chains.append(Chain.workspace(WS), 10, T0, Duration.ofMinutes(1));

        List<Map<String, Object>> lines = Api.lines(api.get(
                member,
                "/export",
                Map.of(
                        "from",
                        T0.plus(Duration.ofMinutes(2)).toString(),
                        "to",
                        T0.plus(Duration.ofMinutes(5)).toString())));

        assertThat(lines).extracting(l -> l.get("sequence")).containsExactly(3, 4, 5);
        List<Map<String, Object>> items = items(api.json(member, "", Map.of()));
        assertThat(lines.get(0)).isEqualTo(items.get(7)); // sequence 3, the same fields and values
    }

    @Test
    void retentionIsKeptPerChainAndValidated() throws Exception {
        assertThat(api.json(member, "/retention", Map.of())).containsEntry("days", null);

        assertThat(Api.json(put(member, "{\"days\": 30}"))).containsEntry("days", 30);
        assertThat(Api.json(put(platform, "{\"days\": 400}"))).containsEntry("days", 400);
        assertThat(api.json(member, "/retention", Map.of())).containsEntry("days", 30);
        assertThat(api.json(stranger, "/retention", Map.of())).containsEntry("days", null);
        assertThat(api.json(platform, "/retention", Map.of())).containsEntry("days", 400);
        assertThat(Api.json(put(member, "{\"days\": 7}"))).containsEntry("days", 7);
        assertThat(api.json(member, "/retention", Map.of())).containsEntry("days", 7);

        assertThat(Api.json(put(member, "{\"days\": null}"))).containsEntry("days", null);
        assertThat(api.json(member, "/retention", Map.of())).containsEntry("days", null);
        put(member, "{\"days\": 5}");
        assertThat(api.call(HttpMethod.DELETE, member, WS, "/retention", Map.of(), "")
                        .status())
                .isEqualTo(204);
        assertThat(api.json(member, "/retention", Map.of())).containsEntry("days", null);
        assertThat(api.json(platform, "/retention", Map.of())).containsEntry("days", 400);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"days\": 0}",
                "{\"days\": 36501}",
                "{\"days\": -1}",
                "{\"days\": \"ten\"}",
                "{}",
                "{\"days\": 30, \"hours\": 1}"
            })
    void badRetentionsAre400(String body) throws Exception {
        assertThatThrownBy(() -> put(member, body))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.status()).isEqualTo(400));
        assertThat(api.json(member, "/retention", Map.of())).containsEntry("days", null);
        assertThat(Api.json(put(member, "{\"days\": 36500}"))).containsEntry("days", 36500);
    }

    @Test
    void retentionOfAnotherWorkspaceIsNotFound() {
        assertThatThrownBy(() -> api.call(HttpMethod.PUT, member, OTHER, "/retention", Map.of(), "{\"days\": 1}"))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.status()).isEqualTo(404));
        assertThatThrownBy(() -> api.call(HttpMethod.DELETE, member, OTHER, "/retention", Map.of(), ""))
                .isInstanceOfSatisfying(
                        ProblemException.class, p -> assertThat(p.status()).isEqualTo(404));
    }

    @Test
    void routesRequireTheAuditPermissions() {
        new AuditRoutes(db.database, clock).routes().forEach(route -> {
            boolean write = route.method() != HttpMethod.GET;
            String expected = route.path().startsWith(AuditRoutes.PLATFORM_BASE)
                    ? (write ? "platform:audit:write" : "platform:audit:inspect")
                    : (write ? "workspace:{ws}:audit:write" : "workspace:{ws}:audit:inspect");
            assertThat(route.access().permission())
                    .as(route.method() + " " + route.path())
                    .isEqualTo(expected);
        });
    }

    private ApiResponse put(TestCaller caller, String body) throws Exception {
        return api.call(HttpMethod.PUT, caller, caller.workspace(), "/retention", Map.of(), body);
    }

    private List<Long> sequences(Map<String, String> query) throws Exception {
        Map<String, String> all = new HashMap<>(query);
        all.put("limit", "200");
        return items(api.json(member, "", all)).stream()
                .map(item -> ((Number) item.get("sequence")).longValue())
                .toList();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }
}
