package io.portcullis.models.internal.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.models.internal.metering.MeterRefusal.Kind;
import io.portcullis.spi.ModelProvider.Usage;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.NoSuchElementException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meter against a real database: H2 and PostgreSQL (with row-level security) alike. */
abstract class MeteringContract {

    static final String WS = "ws-metered";
    static final String OTHER_WS = "ws-other";
    static final String PLUGIN = "io.portcullis.model.openai";
    static final String MODEL = "gpt-4o-mini";
    static final String FREE = "llama3";
    static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    TestDatabase db;
    TestClock clock;
    Metering metering;

    abstract TestDatabase database() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        db = database();
        clock = new TestClock(START);
        metering = new Metering(db.database, DbTime.of(clock));
        setPrice(MODEL, 2_500_000, 10_000_000); // 2.50 and 10.00 a million tokens
        setPrice(FREE, 0, 0);
    }

    // --- helpers -------------------------------------------------------------------------------

    void setPrice(String model, long input, long output) throws Exception {
        db.database.inTransaction(c -> Prices.set(c, PLUGIN, model, input, output, "admin", clock.instant()));
    }

    void setBudget(String ws, long limit, long calls, long tokens) throws Exception {
        db.database.inWorkspace(ws, c -> {
            Budgets.set(c, ws, new Budget(limit, calls, tokens, null, null), "admin", clock.instant());
            BudgetPeriods.setLimit(c, ws, BudgetPeriods.periodStart(clock.instant()), limit);
            return null;
        });
    }

    static ReserveRequest request(String ws, String model, long promptBytes, int maxTokens, Instant deadline) {
        return new ReserveRequest(ws, "default", PLUGIN, model, promptBytes, maxTokens, deadline, null);
    }

    Reservation reserve(String model, long promptBytes, int maxTokens) throws MeterRefusal {
        return metering.reserve(
                request(WS, model, promptBytes, maxTokens, clock.instant().plusSeconds(60)));
    }

    static MeterRefusal refusal(ThrowingCallable call) {
        MeterRefusal refusal = catchThrowableOfType(MeterRefusal.class, call);
        assertThat(refusal).as("a refusal").isNotNull();
        return refusal;
    }

    /** {limit, spent, reserved} of the workspace's current period, or null when it has none. */
    long[] period(String ws) throws Exception {
        return db.database.inWorkspace(
                ws,
                c -> Jdbc.one(
                                c,
                                rows -> new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3)},
                                "SELECT limit_micros, spent_micros, reserved_micros FROM models.budget_periods"
                                        + " WHERE workspace_id = ? AND period_start = ?",
                                ws,
                                BudgetPeriods.periodStart(clock.instant()))
                        .orElse(null));
    }

    /** Rows of {@code table} in the workspace matching {@code where}. */
    long count(String ws, String table, String where) throws Exception {
        return db.database.inWorkspace(
                ws,
                c -> Jdbc.one(
                                c,
                                rows -> rows.getLong(1),
                                "SELECT COUNT(*) FROM models." + table + " WHERE workspace_id = ? AND " + where,
                                ws)
                        .orElseThrow());
    }

    long events(String ws) throws Exception {
        return count(ws, "usage_events", "TRUE");
    }

    String state(String ws, String reservationId) throws Exception {
        return db.database.inWorkspace(
                ws,
                c -> Jdbc.one(
                                c,
                                rows -> rows.getString(1),
                                "SELECT state FROM models.usage_reservations WHERE id = ?",
                                reservationId)
                        .orElseThrow());
    }

    // --- prices and budgets --------------------------------------------------------------------

    @Test
    void anUnpricedModelIsRefusedAndNothingIsTaken() throws Exception {
        setBudget(WS, 1_000_000, 60, 200_000);
        MeterRefusal refusal = refusal(() -> reserve("gpt-unknown", 100, 100));
        assertThat(refusal.kind()).isEqualTo(Kind.UNPRICED);
        assertThat(metering.price(PLUGIN, "gpt-unknown")).isEmpty();
        assertThat(count(WS, "usage_reservations", "TRUE")).isZero();
        assertThat(count(WS, "rate_limits", "TRUE")).isZero();
        // The same model once priced passes.
        setPrice("gpt-unknown", 1_000_000, 1_000_000);
        assertThat(reserve("gpt-unknown", 100, 100).reservedMicros()).isEqualTo(200);
    }

    @Test
    void aFreeModelPassesWithNoBudgetAndAPricedOneDoesNot() throws Exception {
        Reservation free = reserve(FREE, 10_000, 1000);
        assertThat(free.reservedMicros()).isZero();
        assertThat(metering.settle(WS, free.id(), new Usage(500, 100), 12).costMicros())
                .isZero();
        MeterRefusal refusal = refusal(() -> reserve(MODEL, 1, 1));
        assertThat(refusal.kind()).isEqualTo(Kind.BUDGET_EXHAUSTED);
        assertThat(period(WS)).containsExactly(0, 0, 0);
    }

    @Test
    void pricesAreVersionedAndTheNewestIsInForce() throws Exception {
        assertThat(metering.price(PLUGIN, MODEL).orElseThrow().version()).isEqualTo(1);
        setPrice(MODEL, 3_000_000, 12_000_000);
        Price now = metering.price(PLUGIN, MODEL).orElseThrow();
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.inputMicrosPerMillion()).isEqualTo(3_000_000);
        java.util.List<Price> history = db.database.inTransaction(c -> Prices.history(c, PLUGIN, MODEL));
        assertThat(history).extracting(Price::version).containsExactly(2L, 1L);
        setBudget(WS, 1_000_000, 60, 200_000);
        assertThat(reserve(MODEL, 1000, 0).priceVersion()).isEqualTo(2);
    }

    // --- reserve, settle, release --------------------------------------------------------------

    @Test
    void aReservationHoldsTheWorstCaseUntilSettledAtTheProvidersUsage() throws Exception {
        setBudget(WS, 1_000_000, 60, 200_000);
        Reservation held = reserve(MODEL, 1000, 500);
        assertThat(held.reservedMicros()).isEqualTo(2500 + 5000);
        assertThat(held.reservedInputTokens()).isEqualTo(1000);
        assertThat(held.reservedOutputTokens()).isEqualTo(500);
        assertThat(held.expiresAt()).isEqualTo(START.plusSeconds(60).plus(Metering.GRACE));
        assertThat(period(WS)).containsExactly(1_000_000, 0, 7500);

        Settlement settled = metering.settle(WS, held.id(), new Usage(400, 100), 250);
        assertThat(settled.costMicros()).isEqualTo(1000 + 1000);
        assertThat(settled.source()).isEqualTo(Settlement.PROVIDER);
        assertThat(settled.usage()).isEqualTo(new Usage(400, 100));
        assertThat(period(WS)).containsExactly(1_000_000, 2000, 0);
        assertThat(state(WS, held.id())).isEqualTo("settled");
        assertThat(events(WS)).isEqualTo(1);
    }

    @Test
    void settlingTwiceWritesOneEventAndChargesOnce() throws Exception {
        setBudget(WS, 1_000_000, 60, 200_000);
        Reservation held = reserve(MODEL, 1000, 500);
        Settlement first = metering.settle(WS, held.id(), new Usage(400, 100), 250);
        Settlement again = metering.settle(WS, held.id(), new Usage(900, 900), 250);
        assertThat(again).isEqualTo(first);
        assertThat(events(WS)).isEqualTo(1);
        assertThat(period(WS)).containsExactly(1_000_000, 2000, 0);
    }

    @Test
    void withoutReportedUsageTheReservationIsChargedAsAnEstimate() throws Exception {
        setBudget(WS, 1_000_000, 60, 200_000);
        Reservation held = reserve(MODEL, 1000, 500);
        Settlement settled = metering.settle(WS, held.id(), null, 10);
        assertThat(settled.costMicros()).isEqualTo(7500);
        assertThat(settled.source()).isEqualTo(Settlement.ESTIMATE);
        assertThat(settled.usage()).isEqualTo(new Usage(1000, 500));
        assertThat(period(WS)).containsExactly(1_000_000, 7500, 0);
    }

    @Test
    void usageBeyondTheReservationIsChargedAndBlocksTheRestOfThePeriod() throws Exception {
        setBudget(WS, 10_000, 60, 200_000);
        Reservation held = reserve(MODEL, 1000, 500); // 7500 held
        Settlement settled = metering.settle(WS, held.id(), new Usage(5000, 1000), 10);
        assertThat(settled.costMicros()).isEqualTo(12_500 + 10_000);
        assertThat(period(WS)).containsExactly(10_000, 22_500, 0);
        assertThat(refusal(() -> reserve(MODEL, 1, 1)).kind()).isEqualTo(Kind.BUDGET_EXHAUSTED);
        assertThat(refusal(() -> reserve(FREE, 1, 1)).kind()).isEqualTo(Kind.BUDGET_EXHAUSTED);
        // The next month starts afresh.
        clock.advance(Duration.ofDays(30));
        assertThat(reserve(MODEL, 1000, 500).reservedMicros()).isEqualTo(7500);
        assertThat(period(WS)).containsExactly(10_000, 0, 7500);
    }

    @Test
    void aReservationThatDoesNotFitIsRefusedAndOneThatFitsExactlyPasses() throws Exception {
        setBudget(WS, 15_000, 60, 200_000);
        reserve(MODEL, 1000, 500);
        reserve(MODEL, 1000, 500); // 15000: exactly the limit
        assertThat(refusal(() -> reserve(MODEL, 1, 0)).kind()).isEqualTo(Kind.BUDGET_EXHAUSTED);
        assertThat(period(WS)).containsExactly(15_000, 0, 15_000);
        // A raised limit applies within the month.
        setBudget(WS, 16_000, 60, 200_000);
        reserve(MODEL, 400, 0);
        assertThat(period(WS)).containsExactly(16_000, 0, 16_000);
    }

    @Test
    void releaseGivesTheReservationBackWithoutAnEvent() throws Exception {
        setBudget(WS, 1_000_000, 60, 200_000);
        Reservation held = reserve(MODEL, 1000, 500);
        metering.release(WS, held.id());
        metering.release(WS, held.id());
        assertThat(period(WS)).containsExactly(1_000_000, 0, 0);
        assertThat(state(WS, held.id())).isEqualTo("released");
        assertThat(events(WS)).isZero();
        assertThatThrownBy(() -> metering.settle(WS, held.id(), new Usage(1, 1), 1))
                .isInstanceOf(NoSuchElementException.class);
        assertThat(period(WS)).containsExactly(1_000_000, 0, 0);
    }

    @Test
    void anotherWorkspaceCannotSettleOrReleaseAReservation() throws Exception {
        setBudget(WS, 1_000_000, 60, 200_000);
        Reservation held = reserve(MODEL, 1000, 500);
        metering.release(OTHER_WS, held.id());
        assertThatThrownBy(() -> metering.settle(OTHER_WS, held.id(), null, 1))
                .isInstanceOf(NoSuchElementException.class);
        assertThat(state(WS, held.id())).isEqualTo("held");
        assertThat(period(WS)).containsExactly(1_000_000, 0, 7500);
    }

    // --- sweeper -------------------------------------------------------------------------------

    @Test
    void theSweeperChargesExpiredReservationsInFullOnce() throws Exception {
        setBudget(WS, 1_000_000, 60, 200_000);
        setBudget(OTHER_WS, 1_000_000, 60, 200_000);
        Reservation lost = reserve(MODEL, 1000, 500); // deadline in 60 s, expires 2 min later
        Reservation settled = reserve(MODEL, 1000, 500);
        Reservation other = metering.reserve(
                request(OTHER_WS, MODEL, 100, 0, clock.instant().plusSeconds(60)));
        metering.settle(WS, settled.id(), new Usage(1, 1), 5);
        clock.advance(Duration.ofSeconds(179));
        assertThat(metering.sweep()).isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(metering.sweep()).isEqualTo(2);
        assertThat(metering.sweep()).isZero();

        assertThat(state(WS, lost.id())).isEqualTo("expired");
        assertThat(state(OTHER_WS, other.id())).isEqualTo("expired");
        assertThat(period(WS)).containsExactly(1_000_000, 7500 + 3 + 10, 0);
        assertThat(count(WS, "usage_events", "flagged AND source = 'estimate'")).isEqualTo(1);
        // A late settlement of the swept call charges nothing more.
        Settlement late = metering.settle(WS, lost.id(), new Usage(1, 1), 5);
        assertThat(late.costMicros()).isEqualTo(7500);
        assertThat(late.source()).isEqualTo(Settlement.ESTIMATE);
        assertThat(events(WS)).isEqualTo(2);
        assertThat(period(WS)).containsExactly(1_000_000, 7500 + 3 + 10, 0);
    }

    // --- burst limits --------------------------------------------------------------------------

    @Test
    void theSixtyFirstCallInAMinuteIsRefusedUntilTheLimitRefills() throws Exception {
        setBudget(WS, 0, 60, 1_000_000);
        for (int i = 0; i < 60; i++) {
            reserve(FREE, 10, 10);
        }
        MeterRefusal refusal = refusal(() -> reserve(FREE, 10, 10));
        assertThat(refusal.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(refusal.retryAfterSeconds()).isEqualTo(1);
        // Refused calls take nothing: still refused at the same instant, one passes a second later.
        assertThat(refusal(() -> reserve(FREE, 10, 10)).kind()).isEqualTo(Kind.RATE_LIMITED);
        clock.advance(Duration.ofSeconds(1));
        reserve(FREE, 10, 10);
        assertThat(refusal(() -> reserve(FREE, 10, 10)).retryAfterSeconds()).isEqualTo(1);
        // After an idle minute a whole burst passes again, and no more.
        clock.advance(Duration.ofSeconds(60));
        for (int i = 0; i < 60; i++) {
            reserve(FREE, 10, 10);
        }
        assertThat(refusal(() -> reserve(FREE, 10, 10)).kind()).isEqualTo(Kind.RATE_LIMITED);
        // Another workspace has limits of its own.
        setBudget(OTHER_WS, 0, 60, 1_000_000);
        metering.reserve(request(OTHER_WS, FREE, 10, 10, clock.instant().plusSeconds(60)));
    }

    @Test
    void tokensPerMinuteCountTheBoundAndSettlementGivesBackWhatWasNotUsed() throws Exception {
        setBudget(WS, 0, 1000, 1000);
        Reservation first = reserve(FREE, 600, 0);
        MeterRefusal refusal = refusal(() -> reserve(FREE, 600, 0));
        assertThat(refusal.kind()).isEqualTo(Kind.RATE_LIMITED);
        // 1200 tokens against 1000 a minute: 200 too many, 12 s at 1000 a minute.
        assertThat(refusal.retryAfterSeconds()).isEqualTo(12);
        metering.settle(WS, first.id(), new Usage(100, 0), 5); // 500 tokens given back
        reserve(FREE, 600, 0);
        // A call larger than the whole limit still passes an idle minute (it takes all of it).
        clock.advance(Duration.ofMinutes(2));
        reserve(FREE, 5000, 0);
        assertThat(refusal(() -> reserve(FREE, 1, 0)).kind()).isEqualTo(Kind.RATE_LIMITED);
    }

    @Test
    void theBurstLimitRunsOnTheDatabaseClock() throws Exception {
        Metering onDatabaseTime = new Metering(db.database);
        setBudget(WS, 0, 1, 1_000_000);
        onDatabaseTime.reserve(request(WS, FREE, 1, 1, Instant.now().plusSeconds(60)));
        MeterRefusal refusal = refusal(() ->
                onDatabaseTime.reserve(request(WS, FREE, 1, 1, Instant.now().plusSeconds(60))));
        assertThat(refusal.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(refusal.retryAfterSeconds()).isBetween(1L, 60L);
    }
}
