package io.portcullis.audit.internal.api;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The WHERE clause of a query on one chain's records, built from fixed SQL fragments and bound
 * parameters only: a filter value never becomes SQL text.
 */
final class Conditions {

    private final StringBuilder sql = new StringBuilder(" WHERE chain = ?");
    private final List<Object> parameters = new ArrayList<>();

    Conditions(String chain) {
        parameters.add(chain);
    }

    /** Adds {@code AND clause} with its one parameter, unless {@code value} is null (no filter). */
    Conditions and(String clause, @Nullable Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            parameters.add(value);
        }
        return this;
    }

    String sql() {
        return sql.toString();
    }

    /** The parameters of {@link #sql()}, followed by {@code more}. */
    List<Object> parameters(Object... more) {
        List<Object> all = new ArrayList<>(parameters);
        all.addAll(List.of(more));
        return all;
    }
}
