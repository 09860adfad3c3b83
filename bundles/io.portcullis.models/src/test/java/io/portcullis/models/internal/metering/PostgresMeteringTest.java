package io.portcullis.models.internal.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.spi.ModelProvider.Usage;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The contract on PostgreSQL, and row-level security: a query without a workspace filter still sees only its own. */
class PostgresMeteringTest extends MeteringContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabase.postgres("models");
    }

    @Test
    void rowLevelSecurityHidesAnotherWorkspacesUsageEvenFromUnfilteredQueries() throws Exception {
        setBudget(WS, 1_000_000, 60, 200_000);
        Reservation settled = reserve(MODEL, 1000, 500);
        metering.settle(WS, settled.id(), new Usage(10, 10), 1);
        reserve(MODEL, 1000, 500);
        for (String table :
                new String[] {"budgets", "budget_periods", "usage_reservations", "usage_events", "rate_limits"}) {
            assertThat(unfiltered(WS, table)).as(table).isPositive();
            assertThat(unfiltered(OTHER_WS, table)).as(table).isZero();
        }
        // Nor can it change them, or settle them by id.
        int changed = db.database.inWorkspace(
                OTHER_WS,
                c -> Jdbc.update(c, "UPDATE models.budget_periods SET limit_micros = 999999999")
                        + Jdbc.update(c, "DELETE FROM models.usage_events")
                        + Jdbc.update(c, "UPDATE models.rate_limits SET tat = 0"));
        assertThat(changed).isZero();
        assertThat(period(WS)).containsExactly(1_000_000, 25 + 100, 7500);
        // A platform transaction (no workspace) sees none either.
        long platform = db.database.inTransaction(
                c -> Jdbc.one(c, rows -> rows.getLong(1), "SELECT COUNT(*) FROM models.usage_events")
                        .orElseThrow());
        assertThat(platform).isZero();
    }

    @Test
    void usageEventsAreAppendOnlyEvenForTheirOwnWorkspace() throws Exception {
        setBudget(WS, 1_000_000, 60, 200_000);
        Reservation held = reserve(MODEL, 1000, 500);
        metering.settle(WS, held.id(), new Usage(10, 10), 1);
        int changed =
                db.database.inWorkspace(WS, c -> Jdbc.update(c, "UPDATE models.usage_events SET cost_micros = 0"));
        assertThat(changed).isZero();
        assertThat(count(WS, "usage_events", "cost_micros = 125")).isEqualTo(1);
    }

    private long unfiltered(String workspaceId, String table) throws Exception {
        return db.database.inWorkspace(
                workspaceId,
                c -> Jdbc.one(c, rows -> rows.getLong(1), "SELECT COUNT(*) FROM models." + table)
                        .orElseThrow());
    }
}
