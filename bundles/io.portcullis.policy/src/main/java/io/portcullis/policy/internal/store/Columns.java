package io.portcullis.policy.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.policy.internal.scan.Finding;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** How sets of scopes, findings and reasons are written into columns and read back. */
final class Columns {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Columns() {}

    /** Sorted, space-separated: scope names never contain spaces. */
    static String scopes(Collection<String> scopes) {
        return new TreeSet<>(scopes).stream().collect(Collectors.joining(" "));
    }

    static Set<String> scopes(String column) {
        return column.isEmpty() ? Set.of() : Set.copyOf(Arrays.asList(column.split(" ")));
    }

    static String json(Object value) throws SQLException {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write a JSON column: " + e.getOriginalMessage());
        }
    }

    static List<Finding> findings(String column) throws SQLException {
        return read(column, new TypeReference<List<Finding>>() {});
    }

    static List<String> reasons(String column) throws SQLException {
        return read(column, new TypeReference<List<String>>() {});
    }

    private static <T> T read(String column, TypeReference<T> type) throws SQLException {
        try {
            return JSON.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot read a JSON column: " + e.getOriginalMessage());
        }
    }
}
