package io.portcullis.audit.internal.api;

import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * How many days each chain keeps its records ({@code audit.retention}); a chain without a row keeps
 * them forever. Read and written in the chain's own transaction; the pruner lists every chain's.
 */
final class Retention {

    static final int MAX_DAYS = 36500;

    /** A chain's retention, as the pruner reads it. */
    record Rule(Chain chain, int days) {}

    private final Database database;
    private final Clock clock;

    Retention(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    Optional<Integer> days(Chain chain) throws SQLException {
        return chain.transaction(
                database,
                connection -> Jdbc.one(
                        connection,
                        rows -> rows.getInt("days"),
                        "SELECT days FROM audit.retention WHERE chain = ?",
                        chain.id()));
    }

    void set(Chain chain, int days) throws SQLException {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be 1.." + MAX_DAYS + ", was " + days);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            chain.transaction(database, connection -> upsert(connection, chain, days, now));
        } catch (SQLException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            chain.transaction(database, connection -> upsert(connection, chain, days, now)); // lost a race to insert
        }
    }

    /** Keep forever. */
    void clear(Chain chain) throws SQLException {
        chain.transaction(
                database,
                connection -> Jdbc.update(connection, "DELETE FROM audit.retention WHERE chain = ?", chain.id()));
    }

    /** Every chain with a retention, ordered by chain. */
    List<Rule> all() throws SQLException {
        return Chain.inScope(
                database,
                Chain.PRUNE_SCOPE,
                connection -> Jdbc.list(
                        connection,
                        rows -> new Rule(Chain.named(rows.getString("chain")), rows.getInt("days")),
                        "SELECT chain, days FROM audit.retention ORDER BY chain"));
    }

    private static int upsert(Connection connection, Chain chain, int days, Instant now) throws SQLException {
        if (Jdbc.update(
                        connection,
                        "UPDATE audit.retention SET days = ?, updated_at = ? WHERE chain = ?",
                        days,
                        now,
                        chain.id())
                > 0) {
            return 1;
        }
        return Jdbc.update(
                connection,
                "INSERT INTO audit.retention (chain, days, updated_at) VALUES (?, ?, ?)",
                chain.id(),
                days,
                now);
    }
}
