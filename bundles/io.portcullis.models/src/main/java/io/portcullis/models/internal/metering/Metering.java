package io.portcullis.models.internal.metering;

import io.portcullis.models.internal.metering.MeterRefusal.Kind;
import io.portcullis.spi.ModelProvider.Usage;
import io.portcullis.store.Database;
import io.portcullis.store.Ids;
import io.portcullis.store.Jdbc;
import io.portcullis.store.SqlWork;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meter every model call passes: a price, the burst limits and a budget reservation before the
 * provider is called, then settlement at the usage it reported. Money in micros, exact (see
 * {@link Costs}); time is the database's ({@link DbTime}). Thread-safe and stateless: every method is
 * one transaction (the sweeper one per workspace), so concurrent calls on any number of nodes never
 * spend beyond a limit.
 *
 * <p>Outside OSGi (tests, benchmarks): {@code new Metering(database)} over a {@link Database} whose
 * schema {@code models} is migrated.
 */
public final class Metering implements Meter {

    /** How long a reservation outlives its call's deadline before the sweeper charges it in full. */
    public static final Duration GRACE = Duration.ofMinutes(2);

    /** Reservations the sweeper charges per workspace and transaction. */
    private static final int SWEEP_BATCH = 500;

    /** The setting that lets the sweeper's one transaction list every workspace's expired reservations. */
    static final String SCOPE_SETTING = "portcullis.models_scope";

    private static final Logger LOG = LoggerFactory.getLogger(Metering.class);

    private final Database database;
    private final DbTime time;

    /** On the database's clock. */
    public Metering(Database database) {
        this(database, DbTime.DATABASE);
    }

    public Metering(Database database, DbTime time) {
        this.database = database;
        this.time = time;
    }

    Database database() {
        return database;
    }

    DbTime time() {
        return time;
    }

    /**
     * Checks the price, the burst limits (calls, then tokens a minute; GCRA on database time) and
     * reserves the call's worst-case cost in the period's budget, in one transaction: a refusal leaves
     * nothing taken.
     */
    @Override
    public Reservation reserve(ReserveRequest request) throws MeterRefusal {
        String ws = request.workspaceId();
        try {
            return transaction(ws, connection -> {
                Prices.ForReserve context = Prices.forReserve(connection, ws, request.pluginId(), request.model())
                        .orElseThrow(() ->
                                refused(Kind.UNPRICED, "The model has no price; the platform admin sets one.", 0));
                Price price = context.price();
                Budget budget = context.budget();
                Instant now = time == DbTime.DATABASE
                        ? context.databaseNow().truncatedTo(ChronoUnit.MICROS)
                        : time.now(connection);
                long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
                long calls = Gcra.take(
                        database, connection, ws, Gcra.CALLS, Gcra.increment(1, budget.callsPerMinute()), nowMicros);
                if (calls > 0) {
                    throw refused(Kind.RATE_LIMITED, "The workspace's model calls per minute are used up.", calls);
                }
                long input = Costs.clamp(request.promptBytes(), Costs.MAX_TOKENS);
                long output = Costs.clamp(request.maxTokens(), Costs.MAX_TOKENS);
                long rateTokens = Math.min(input + output, budget.tokensPerMinute());
                long rateIncrement = Gcra.increment(rateTokens, budget.tokensPerMinute());
                long tokens = Gcra.take(database, connection, ws, Gcra.TOKENS, rateIncrement, nowMicros);
                if (tokens > 0) {
                    throw refused(Kind.RATE_LIMITED, "The workspace's model tokens per minute are used up.", tokens);
                }
                long micros = Costs.cost(input, output, price.inputMicrosPerMillion(), price.outputMicrosPerMillion());
                LocalDate period = BudgetPeriods.periodStart(now);
                if (!BudgetPeriods.reserve(database, connection, ws, period, budget.monthlyLimitMicros(), micros)) {
                    throw refused(
                            Kind.BUDGET_EXHAUSTED, "The call's worst-case cost does not fit the month's budget.", 0);
                }
                Instant deadline = request.deadline().isAfter(now) ? request.deadline() : now;
                Held held = new Held(
                        Ids.next(),
                        ws,
                        period,
                        request.runId(),
                        request.profile(),
                        price.pluginId(),
                        price.model(),
                        price.version(),
                        price.inputMicrosPerMillion(),
                        price.outputMicrosPerMillion(),
                        micros,
                        input,
                        output,
                        rateTokens,
                        rateIncrement,
                        deadline.plus(GRACE).truncatedTo(ChronoUnit.MICROS),
                        null);
                held.insert(connection, now);
                return held.reservation();
            });
        } catch (Refused e) {
            throw e.refusal;
        }
    }

    /**
     * Settles a held reservation at {@code usage} (null: the reservation's bound, source
     * {@code estimate}): reserved → spent at the usage's cost, which may pass the reservation (then
     * the period may end over its limit and refuses every further call), the unused tokens given back
     * to the burst limit, and the usage event. Idempotent: settling again returns the same event.
     *
     * @throws NoSuchElementException when the reservation is unknown, or was released
     */
    @Override
    public Settlement settle(String workspaceId, String reservationId, @Nullable Usage usage, long latencyMillis) {
        return transaction(workspaceId, connection -> {
            Optional<Held> ended =
                    Held.end(database, connection, workspaceId, reservationId, Held.SETTLED, pinned(connection));
            if (ended.isEmpty()) {
                return UsageEvents.of(connection, workspaceId, reservationId)
                        .orElseThrow(() -> new NoSuchElementException("no held or settled reservation of that id"));
            }
            Held held = ended.get();
            Usage charged = usage == null
                    ? new Usage(held.reservedInputTokens(), held.reservedOutputTokens())
                    : new Usage(
                            Costs.clamp(usage.inputTokens(), Costs.MAX_TOKENS),
                            Costs.clamp(usage.outputTokens(), Costs.MAX_TOKENS));
            long cost =
                    Costs.cost(charged.inputTokens(), charged.outputTokens(), held.inputPrice(), held.outputPrice());
            long unused = held.rateTokens() - (charged.inputTokens() + charged.outputTokens());
            if (unused > 0 && held.rateTokens() > 0) {
                Gcra.refund(
                        connection, workspaceId, Gcra.TOKENS, held.rateIncrementMicros() * unused / held.rateTokens());
            }
            BudgetPeriods.charge(connection, workspaceId, held.periodStart(), held.reservedMicros(), cost);
            String source = usage == null ? Settlement.ESTIMATE : Settlement.PROVIDER;
            return UsageEvents.insert(connection, held, charged, cost, source, false, latencyMillis, held.ended());
        });
    }

    /**
     * Gives a held reservation back: the provider was never reached. Its amount leaves the reserved
     * one and its tokens the burst limit; no usage event. Does nothing when it is not held.
     */
    @Override
    public void release(String workspaceId, String reservationId) {
        transaction(workspaceId, connection -> {
            Optional<Held> ended =
                    Held.end(database, connection, workspaceId, reservationId, Held.RELEASED, pinned(connection));
            if (ended.isPresent()) {
                Held held = ended.get();
                Gcra.refund(connection, workspaceId, Gcra.TOKENS, held.rateIncrementMicros());
                BudgetPeriods.charge(connection, workspaceId, held.periodStart(), held.reservedMicros(), 0);
            }
            return null;
        });
    }

    /**
     * Charges in full, as estimates flagged for reconciliation, every reservation still held past its
     * expiry (its call's deadline plus {@link #GRACE}): a call that crashed or hung. Returns how many.
     * Meant to run every minute; concurrent sweeps (several nodes) charge each reservation once.
     */
    @Override
    public int sweep() {
        List<String> workspaces = transaction(null, connection -> {
            Jdbc.setLocal(database, connection, SCOPE_SETTING, "sweep");
            return Jdbc.list(
                    connection,
                    rows -> rows.getString(1),
                    "SELECT DISTINCT workspace_id FROM models.usage_reservations WHERE state = 'held' AND expires_at < ?",
                    time.now(connection));
        });
        int swept = 0;
        for (String ws : workspaces) {
            int charged;
            do {
                charged = transaction(ws, connection -> {
                    Instant now = time.now(connection);
                    int count = 0;
                    for (String id : Held.expired(connection, ws, now, SWEEP_BATCH)) {
                        Optional<Held> ended = Held.end(database, connection, ws, id, Held.EXPIRED, now);
                        if (ended.isPresent()) {
                            Held held = ended.get();
                            BudgetPeriods.charge(
                                    connection, ws, held.periodStart(), held.reservedMicros(), held.reservedMicros());
                            Usage bound = new Usage(held.reservedInputTokens(), held.reservedOutputTokens());
                            UsageEvents.insert(
                                    connection, held, bound, held.reservedMicros(), Settlement.ESTIMATE, true, 0, now);
                            count++;
                        }
                    }
                    return count;
                });
                swept += charged;
            } while (charged == SWEEP_BATCH);
            if (charged > 0) {
                LOG.info("Charged expired model-call reservations in full in workspace '{}'", ws);
            }
        }
        return swept;
    }

    /** The price of (plugin, model) now, or empty: unpriced, the call is refused. */
    public Optional<Price> price(String pluginId, String model) {
        return transaction(null, connection -> Prices.current(connection, pluginId, model));
    }

    /** Deletes the workspace's metering rows, in the transaction deleting the workspace (its WorkspaceCleanup). */
    public static void deleteWorkspace(java.sql.Connection connection, String workspaceId) throws SQLException {
        for (String table : List.of("usage_events", "usage_reservations", "budget_periods", "rate_limits", "budgets")) {
            Jdbc.update(connection, "DELETE FROM models." + table + " WHERE workspace_id = ?", workspaceId);
        }
    }

    /** {@code work} in the workspace's transaction ({@code null}: the platform's); a database failure unchecked. */
    <T> T transaction(@Nullable String workspaceId, SqlWork<T> work) {
        try {
            return workspaceId == null ? database.inTransaction(work) : database.inWorkspace(workspaceId, work);
        } catch (SQLException e) {
            throw new MeteringException("metering failed in the database; its step was not done", e);
        }
    }

    /** The instant a statement must use instead of the database's CURRENT_TIMESTAMP: null on the database's clock. */
    private @Nullable Instant pinned(java.sql.Connection connection) throws SQLException {
        return time == DbTime.DATABASE ? null : time.now(connection);
    }

    private static Refused refused(Kind kind, String message, long retryAfterSeconds) {
        return new Refused(new MeterRefusal(kind, message, retryAfterSeconds));
    }

    /** Carries a refusal out of the transaction, rolling it back. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final MeterRefusal refusal;

        Refused(MeterRefusal refusal) {
            super(null, null, false, false);
            this.refusal = refusal;
        }
    }
}
