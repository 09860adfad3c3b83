package io.portcullis.audit.internal.api;

import io.portcullis.store.Database;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The audit log over HTTP, the same routes for a workspace's chain and for the platform's: query,
 * export, verify and retention. Reading needs {@code audit:inspect} (not {@code *:read}, so that a
 * viewer's wildcard does not cover it), changing the retention {@code audit:write}.
 */
final class AuditRoutes {

    static final String WORKSPACE_BASE = "/api/v1/workspaces/{ws}/audit";
    static final String WORKSPACE_INSPECT = "workspace:{ws}:audit:inspect";
    static final String WORKSPACE_WRITE = "workspace:{ws}:audit:write";
    static final String PLATFORM_BASE = "/api/v1/audit";

    /** Cursors are sequence numbers. */
    private static final java.util.function.Predicate<String> SEQUENCE = cursor -> cursor.matches("[0-9]{1,18}");

    static final String PLATFORM_INSPECT = "platform:audit:inspect";
    static final String PLATFORM_WRITE = "platform:audit:write";

    private final RecordQuery query;
    private final RecordPages pages;
    private final Verifier verifier;
    private final Retention retention;

    AuditRoutes(Database database, Clock clock) {
        this(database, clock, null);
    }

    /** @param witnessFile the audit writer's witness file, compared with each verified tail; null for none */
    AuditRoutes(Database database, Clock clock, @Nullable Path witnessFile) {
        this.query = new RecordQuery(database);
        this.pages = new RecordPages(database);
        this.verifier = new Verifier(pages, witnessFile);
        this.retention = new Retention(database, clock);
    }

    private static final String[] TIMES = {"from: ISO-8601 instant, inclusive", "to: ISO-8601 instant, exclusive"};
    private static final String[] FILTERS = {
        TIMES[0], TIMES[1], "actor", "action", "decision: allowed, denied or error", "target"
    };

    List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.addAll(routes(WORKSPACE_BASE, WORKSPACE_INSPECT, WORKSPACE_WRITE, Callers::workspaceChain));
        routes.addAll(routes(PLATFORM_BASE, PLATFORM_INSPECT, PLATFORM_WRITE, Callers::platformChain));
        return List.copyOf(routes);
    }

    private List<Route> routes(String base, String inspect, String write, Function<ApiRequest, Chain> chain) {
        return List.of(
                Route.get(base, request -> query(chain.apply(request), request))
                        .requires(inspect)
                        .summary("Query the audit record")
                        .pageOf(Views.Record.class)
                        .query(FILTERS),
                Route.get(base + "/export", request -> export(chain.apply(request), request))
                        .requires(inspect)
                        .summary("Export the audit record as JSON lines (" + JsonLines.CONTENT_TYPE + ")")
                        .status(200)
                        .query(TIMES),
                Route.get(base + "/verify", request -> verify(chain.apply(request), request))
                        .requires(inspect)
                        .summary("Verify the hash chain of the audit record")
                        .response(Verification.class)
                        .query("from_seq: first sequence number to check", "to_seq: last sequence number to check"),
                Route.get(base + "/retention", request -> retention(chain.apply(request)))
                        .requires(inspect)
                        .summary("Read the retention of the audit record")
                        .response(Views.Retention.class),
                Route.put(base + "/retention", request -> setRetention(chain.apply(request), request))
                        .requires(write)
                        .summary("Set the retention of the audit record, in days")
                        .request(Bodies.RetentionDays.class)
                        .response(Views.Retention.class),
                Route.delete(base + "/retention", request -> clearRetention(chain.apply(request)))
                        .requires(write)
                        .summary("Keep the audit record forever"));
    }

    ApiResponse query(Chain chain, ApiRequest request) throws SQLException {
        Filter filter = Filter.of(request);
        return ApiResponse.ok(
                query.page(chain, filter, PageRequest.of(request, SEQUENCE)).map(Views.Record::of));
    }

    /** Checks the parameters before answering: once the stream has started, a 400 is no longer possible. */
    ApiResponse export(Chain chain, ApiRequest request) {
        return ApiResponse.stream(new Export(pages, chain, Params.times(request)));
    }

    ApiResponse verify(Chain chain, ApiRequest request) throws SQLException {
        Long from = Params.sequence(request, "from_seq");
        Long to = Params.sequence(request, "to_seq");
        if (from != null && to != null && from > to) {
            throw ProblemException.badRequest("Query parameter 'from_seq' must not be greater than 'to_seq'.");
        }
        return ApiResponse.ok(verifier.verify(chain, from, to));
    }

    ApiResponse retention(Chain chain) throws SQLException {
        return ApiResponse.ok(new Views.Retention(retention.days(chain).orElse(null)));
    }

    ApiResponse setRetention(Chain chain, ApiRequest request) throws SQLException {
        Integer days = request.body(Bodies.RetentionDays.class).days();
        if (days == null) {
            retention.clear(chain);
        } else {
            retention.set(chain, days);
        }
        return ApiResponse.ok(new Views.Retention(days));
    }

    ApiResponse clearRetention(Chain chain) throws SQLException {
        retention.clear(chain);
        return ApiResponse.noContent();
    }
}
