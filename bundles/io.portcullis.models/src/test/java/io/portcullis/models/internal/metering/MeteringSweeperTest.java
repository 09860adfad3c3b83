package io.portcullis.models.internal.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestClock;
import io.portcullis.store.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeteringSweeperTest {

    @Test
    void theSweeperChargesAnExpiredReservationOnItsOwn() throws Exception {
        TestDatabase db = TestDatabase.h2("models");
        TestClock clock = new TestClock(Instant.parse("2026-12-07T10:00:00Z"));
        Metering metering = new Metering(db.database, DbTime.of(clock));
        db.database.inTransaction(c -> Prices.set(c, "p", "m", 0, 0, "admin", clock.instant()));
        Reservation held =
                metering.reserve(new ReserveRequest("ws", "default", "p", "m", 10, 10, clock.instant(), null));
        clock.advance(Duration.ofMinutes(3));
        try (MeteringSweeper sweeper = MeteringSweeper.start(metering, Duration.ofMillis(20))) {
            // Waits for the sweeper's thread, however slow the machine is: no timed assertion.
            while (!"expired".equals(state(db, held.id()))) {
                Thread.sleep(20);
            }
        }
        assertThat(state(db, held.id())).isEqualTo("expired");
    }

    @Test
    void aPeriodMustBePositive() throws Exception {
        Metering metering = new Metering(TestDatabase.h2("models").database);
        assertThatThrownBy(() -> MeteringSweeper.start(metering, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String state(TestDatabase db, String id) throws Exception {
        return db.database.inWorkspace(
                "ws",
                c -> Jdbc.one(
                                c,
                                rows -> rows.getString(1),
                                "SELECT state FROM models.usage_reservations WHERE id = ?",
                                id)
                        .orElseThrow());
    }
}
