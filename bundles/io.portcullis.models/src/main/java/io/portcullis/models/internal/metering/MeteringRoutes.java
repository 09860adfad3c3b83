package io.portcullis.models.internal.metering;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.OutcomeRecorder;
import io.portcullis.models.internal.metering.MeteringBodies.BudgetBody;
import io.portcullis.models.internal.metering.MeteringBodies.PriceBody;
import io.portcullis.models.internal.metering.MeteringViews.BudgetView;
import io.portcullis.models.internal.metering.MeteringViews.PriceHistory;
import io.portcullis.models.internal.metering.MeteringViews.PriceView;
import io.portcullis.models.internal.metering.MeteringViews.UsageView;
import io.portcullis.store.Database;
import io.portcullis.store.Jdbc;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The metering routes: the platform's prices ({@code platform:models:*}), a workspace's budget
 * ({@code workspace:{ws}:budget:*}) and its usage ({@code workspace:{ws}:usage:read}). Changes are put
 * on the record with their outcome ({@code model.price.set} on the platform chain, {@code
 * model.budget.set} on the workspace's) inside their transaction: one that cannot be recorded rolls
 * back and answers 503.
 */
public final class MeteringRoutes {

    static final String PRICES = "/api/v1/model-prices";
    static final String BUDGET = "/api/v1/workspaces/{ws}/budget";
    static final String USAGE = "/api/v1/workspaces/{ws}/usage";
    static final String PRICES_READ = "platform:models:read";
    static final String PRICES_WRITE = "platform:models:write";
    static final String BUDGET_READ = "workspace:{ws}:budget:read";
    static final String BUDGET_WRITE = "workspace:{ws}:budget:write";
    static final String USAGE_READ = "workspace:{ws}:usage:read";

    private static final Pattern PERIOD = Pattern.compile("(\\d{4})-(0[1-9]|1[0-2])");
    private static final Base64.Encoder CURSOR_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Database database;
    private final DbTime time;
    private final OutcomeRecorder recorder;

    private MeteringRoutes(Metering metering, AuditLog auditLog) {
        this.database = metering.database();
        this.time = metering.time();
        this.recorder = new OutcomeRecorder(auditLog);
    }

    /** Every metering route, for the models bundle's route provider. */
    public static List<Route> routes(Metering metering, AuditLog auditLog) {
        MeteringRoutes routes = new MeteringRoutes(metering, auditLog);
        return List.of(
                Route.get(PRICES, routes::prices)
                        .requires(PRICES_READ)
                        .summary("List the model prices in force")
                        .pageOf(PriceView.class),
                Route.put(PRICES, routes::setPrice)
                        .requires(PRICES_WRITE)
                        .summary("Set a model's price per million tokens (a new version; 0 for a free model)")
                        .request(PriceBody.class)
                        .response(PriceView.class)
                        .problems(409),
                Route.get(PRICES + "/history", routes::history)
                        .requires(PRICES_READ)
                        .summary("Every version of a model's price, newest first")
                        .query("plugin_id", "model")
                        .response(PriceHistory.class),
                Route.get(BUDGET, routes::budget)
                        .requires(BUDGET_READ)
                        .summary("Read the workspace's monthly budget and burst limits")
                        .response(BudgetView.class),
                Route.put(BUDGET, routes::setBudget)
                        .requires(BUDGET_WRITE)
                        .summary("Set the workspace's monthly budget and burst limits")
                        .request(BudgetBody.class)
                        .response(BudgetView.class),
                Route.get(USAGE, routes::usage)
                        .requires(USAGE_READ)
                        .summary("The month's spent, reserved and remaining budget, per model and per day")
                        .query("period: the month, YYYY-MM (UTC); the current one when absent")
                        .response(UsageView.class));
    }

    ApiResponse prices(ApiRequest request) throws SQLException {
        PageRequest page = PageRequest.of(request, cursor -> decode(cursor) != null);
        String[] after = page.after().isEmpty() ? new String[] {"", ""} : decode(page.after());
        List<Price> rows = database.inTransaction(c -> Prices.page(c, after[0], after[1], page.fetch()));
        return ApiResponse.ok(page.page(rows, MeteringRoutes::cursor).map(PriceView::of));
    }

    ApiResponse history(ApiRequest request) throws SQLException {
        String pluginId =
                MeteringBodies.id("plugin_id", request.queryParam("plugin_id").orElse(null), MeteringBodies.PLUGIN_ID);
        String model = MeteringBodies.id("model", request.queryParam("model").orElse(null), MeteringBodies.MODEL);
        List<Price> versions = database.inTransaction(c -> Prices.history(c, pluginId, model));
        if (versions.isEmpty()) {
            throw ProblemException.notFound();
        }
        return ApiResponse.ok(new PriceHistory(
                pluginId, model, versions.stream().map(PriceView::of).toList()));
    }

    ApiResponse setPrice(ApiRequest request) throws SQLException {
        PriceBody body = request.body(PriceBody.class);
        Actor actor = Actor.of(request.caller());
        AuditEvent attempt = new AuditEvent(
                null,
                actor,
                "model.price.set",
                "model:" + body.pluginId() + "/" + body.model(),
                io.portcullis.audit.Decision.ALLOWED,
                null,
                "input " + body.inputMicrosPerMillion() + ", output " + body.outputMicrosPerMillion()
                        + " micros per million tokens",
                null,
                null,
                null,
                request.requestId());
        Price price = recorder.change(
                attempt,
                record -> database.inTransaction(c -> {
                    Instant now = time.now(c);
                    Price set;
                    try {
                        set = Prices.set(
                                c,
                                body.pluginId(),
                                body.model(),
                                body.inputMicrosPerMillion(),
                                body.outputMicrosPerMillion(),
                                actor.id(),
                                now);
                    } catch (SQLException e) {
                        if (Jdbc.isUniqueViolation(e)) {
                            throw ProblemException.conflict(
                                    "The price was changed at the same time; read it and try again.");
                        }
                        throw e;
                    }
                    record.run();
                    return set;
                }));
        return ApiResponse.ok(PriceView.of(price));
    }

    ApiResponse budget(ApiRequest request) throws SQLException {
        String ws = request.callerWorkspace();
        return ApiResponse.ok(BudgetView.of(database.inWorkspace(ws, c -> Budgets.of(c, ws))));
    }

    ApiResponse setBudget(ApiRequest request) throws SQLException {
        String ws = request.callerWorkspace();
        BudgetBody body = request.body(BudgetBody.class);
        Actor actor = Actor.of(request.caller());
        AuditEvent attempt = new AuditEvent(
                ws,
                actor,
                "model.budget.set",
                "budget:" + ws,
                io.portcullis.audit.Decision.ALLOWED,
                null,
                "monthly limit " + body.monthlyLimitMicros() + " micros, " + body.callsPerMinute() + " calls and "
                        + body.tokensPerMinute() + " tokens a minute",
                null,
                null,
                null,
                request.requestId());
        Budget budget = recorder.change(
                attempt,
                record -> database.inWorkspace(ws, c -> {
                    Instant now = time.now(c);
                    Budgets.set(c, ws, body.budget(), actor.id(), now);
                    // A new limit applies to the current month at once (its row, if any call made one yet).
                    BudgetPeriods.setLimit(c, ws, BudgetPeriods.periodStart(now), body.monthlyLimitMicros());
                    record.run();
                    return Budgets.of(c, ws);
                }));
        return ApiResponse.ok(BudgetView.of(budget));
    }

    ApiResponse usage(ApiRequest request) throws SQLException {
        String ws = request.callerWorkspace();
        String asked = request.queryParam("period").orElse(null);
        if (asked != null && !PERIOD.matcher(asked).matches()) {
            throw ProblemException.badRequest("Query parameter 'period' must be a month, YYYY-MM.");
        }
        return ApiResponse.ok(database.inWorkspace(ws, c -> {
            LocalDate current = BudgetPeriods.periodStart(time.now(c));
            LocalDate period = asked == null ? current : LocalDate.parse(asked + "-01");
            long limit = period.equals(current) ? Budgets.of(c, ws).monthlyLimitMicros() : 0;
            return UsageReports.of(c, ws, period, limit);
        }));
    }

    private static String cursor(Price price) {
        return CURSOR_ENCODER.encodeToString(
                (price.pluginId() + "\n" + price.model()).getBytes(StandardCharsets.UTF_8));
    }

    /** The (plugin, model) a cursor names, or null when it is not one this API returned. */
    private static String @org.jspecify.annotations.Nullable [] decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\n", -1);
            return parts.length == 2
                            && MeteringBodies.PLUGIN_ID.matcher(parts[0]).matches()
                            && MeteringBodies.MODEL.matcher(parts[1]).matches()
                    ? parts
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
