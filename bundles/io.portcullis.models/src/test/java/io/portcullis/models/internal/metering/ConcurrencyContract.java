package io.portcullis.models.internal.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.models.internal.metering.MeterRefusal.Kind;
import io.portcullis.spi.ModelProvider.Usage;
import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The budget under concurrency (an acceptance test of the issue): {@value #THREADS} threads ×
 * {@value #PER_THREAD} reservations against a budget that fits five at a time. After every step a
 * reader checks that spent + reserved never exceeds the limit; at the end every reservation is settled
 * or released and the period adds up.
 */
abstract class ConcurrencyContract {

    static final int THREADS = Integer.getInteger("meter.threads", 8);
    static final int PER_THREAD = Integer.getInteger("meter.perThread", 250);
    static final String WS = "ws-busy";
    static final String PLUGIN = "io.portcullis.model.openai";
    static final String MODEL = "gpt-4o-mini";
    static final long LIMIT = 1000; // five reservations of 200

    abstract TestDatabase database() throws Exception;

    @Test
    void concurrentReservationsNeverOverspend() throws Exception {
        TestDatabase db = database();
        try (SmallPool pool = new SmallPool(db.dataSource, THREADS + 1)) {
            Database database = db.through(pool);
            Metering metering = new Metering(database); // on the database's clock
            database.inTransaction(c -> Prices.set(c, PLUGIN, MODEL, 1_000_000, 1_000_000, "admin", Instant.now()));
            database.inWorkspace(WS, c -> {
                Budgets.set(
                        c,
                        WS,
                        new Budget(LIMIT, Budget.MAX_CALLS_PER_MINUTE, Budget.MAX_TOKENS_PER_MINUTE, null, null),
                        "admin",
                        Instant.now());
                return null;
            });

            AtomicLong reserved = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong settled = new AtomicLong();
            AtomicLong released = new AtomicLong();
            AtomicLong charged = new AtomicLong();
            AtomicLong checks = new AtomicLong();
            AtomicReference<String> violation = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            long began = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    done.add(threads.submit((Callable<Void>) () -> {
                        start.await();
                        for (int i = 0; i < PER_THREAD; i++) {
                            Reservation held;
                            try {
                                held = metering.reserve(new ReserveRequest(
                                        WS,
                                        "default",
                                        PLUGIN,
                                        MODEL,
                                        100,
                                        100,
                                        Instant.now().plusSeconds(60),
                                        null));
                            } catch (MeterRefusal refusal) {
                                assertThat(refusal.kind()).isEqualTo(Kind.BUDGET_EXHAUSTED);
                                refused.incrementAndGet();
                                continue;
                            }
                            reserved.incrementAndGet();
                            check(database, checks, violation);
                            if (i % 4 == 0) {
                                metering.release(WS, held.id());
                                released.incrementAndGet();
                            } else {
                                // Mostly free answers, so the budget stays contended rather than spent.
                                Usage usage = i % 50 == 1 ? new Usage(1, 0) : new Usage(0, 0);
                                charged.addAndGet(
                                        metering.settle(WS, held.id(), usage, 1).costMicros());
                                settled.incrementAndGet();
                            }
                            check(database, checks, violation);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                threads.shutdownNow();
            }
            long millis = (System.nanoTime() - began) / 1_000_000;
            System.out.printf(
                    "%s: %d threads x %d: %d reserved, %d refused, %d settled, %d released, %d checks, %d ms%n",
                    db.engine,
                    THREADS,
                    PER_THREAD,
                    reserved.get(),
                    refused.get(),
                    settled.get(),
                    released.get(),
                    checks.get(),
                    millis);

            assertThat(violation.get()).as("spent + reserved over the limit").isNull();
            assertThat(reserved.get() + refused.get()).isEqualTo((long) THREADS * PER_THREAD);
            assertThat(refused.get()).as("the budget was contended").isPositive();
            assertThat(reserved.get()).isGreaterThan(THREADS * PER_THREAD / 10);
            long[] period = database.inWorkspace(
                    WS,
                    c -> Jdbc.one(
                                    c,
                                    rows -> new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3)},
                                    "SELECT limit_micros, spent_micros, reserved_micros FROM models.budget_periods"
                                            + " WHERE workspace_id = ?",
                                    WS)
                            .orElseThrow());
            assertThat(period).containsExactly(LIMIT, charged.get(), 0);
            assertThat(states(database, "held")).isZero();
            assertThat(states(database, "settled")).isEqualTo(settled.get());
            assertThat(states(database, "released")).isEqualTo(released.get());
            long events = database.inWorkspace(
                    WS,
                    c -> Jdbc.one(
                                    c,
                                    rows -> rows.getLong(1),
                                    "SELECT COUNT(*) FROM models.usage_events WHERE workspace_id = ?",
                                    WS)
                            .orElseThrow());
            assertThat(events).isEqualTo(settled.get());
        }
    }

    private static void check(Database database, AtomicLong checks, AtomicReference<String> violation)
            throws Exception {
        long[] row = database.inWorkspace(
                WS,
                c -> Jdbc.one(
                                c,
                                rows -> new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3)},
                                "SELECT limit_micros, spent_micros, reserved_micros FROM models.budget_periods"
                                        + " WHERE workspace_id = ?",
                                WS)
                        .orElseThrow());
        checks.incrementAndGet();
        if (row[1] + row[2] > row[0]) {
            violation.compareAndSet(null, "spent " + row[1] + " + reserved " + row[2] + " > limit " + row[0]);
        }
    }

    private static long states(Database database, String state) throws Exception {
        return database.inWorkspace(
                WS,
                c -> Jdbc.one(
                                c,
                                rows -> rows.getLong(1),
                                "SELECT COUNT(*) FROM models.usage_reservations WHERE workspace_id = ? AND state = ?",
                                WS,
                                state)
                        .orElseThrow());
    }
}
