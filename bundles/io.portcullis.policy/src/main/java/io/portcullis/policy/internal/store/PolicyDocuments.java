package io.portcullis.policy.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.policy.WorkspacePolicy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** A workspace policy as stored: {@code read_only} in its column (queried), the rest as one JSON document. */
final class PolicyDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The stored document's shape; fields absent in older rows take the defaults. */
    record Document(
            Boolean fourEyes,
            Integer maxToolCallsPerRun,
            List<WorkspacePolicy.AutoApproval> autoApprove,
            List<String> allowHosts,
            List<String> denyHosts,
            List<String> privateCidrs,
            TaintedCalls taintedCalls) {}

    /** The tainted-call rules as stored: each mode's id; a rule absent in older rows takes its default. */
    record TaintedCalls(String read, String write, String destructive) {

        static TaintedCalls of(WorkspacePolicy.TaintedCalls rules) {
            return new TaintedCalls(
                    rules.read().id(), rules.write().id(), rules.destructive().id());
        }

        WorkspacePolicy.TaintedCalls rules() throws SQLException {
            WorkspacePolicy.TaintedCalls base = WorkspacePolicy.TaintedCalls.DEFAULT;
            return new WorkspacePolicy.TaintedCalls(
                    mode(read, base.read()), mode(write, base.write()), mode(destructive, base.destructive()));
        }

        private static WorkspacePolicy.TaintMode mode(String id, WorkspacePolicy.TaintMode base) throws SQLException {
            if (id == null) {
                return base;
            }
            WorkspacePolicy.TaintMode mode = WorkspacePolicy.TaintMode.parse(id);
            if (mode == null) {
                throw new SQLException("cannot read a workspace policy: unknown tainted-call rule");
            }
            return mode;
        }
    }

    private PolicyDocuments() {}

    static String write(WorkspacePolicy policy) throws SQLException {
        Document document = new Document(
                policy.fourEyes(),
                policy.maxToolCallsPerRun(),
                policy.autoApprove(),
                policy.allowHosts(),
                policy.denyHosts(),
                policy.privateCidrs(),
                TaintedCalls.of(policy.taintedCalls()));
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot write a workspace policy: " + e.getOriginalMessage());
        }
    }

    static WorkspacePolicy read(ResultSet rows) throws SQLException {
        Document d;
        try {
            d = JSON.readValue(rows.getString("document"), Document.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("cannot read a workspace policy: " + e.getOriginalMessage());
        }
        WorkspacePolicy base = WorkspacePolicy.DEFAULT;
        return new WorkspacePolicy(
                rows.getBoolean("read_only"),
                d.fourEyes() == null ? base.fourEyes() : d.fourEyes(),
                d.maxToolCallsPerRun() == null ? base.maxToolCallsPerRun() : d.maxToolCallsPerRun(),
                orEmpty(d.autoApprove()),
                orEmpty(d.allowHosts()),
                orEmpty(d.denyHosts()),
                orEmpty(d.privateCidrs()),
                d.taintedCalls() == null
                        ? base.taintedCalls()
                        : d.taintedCalls().rules());
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
