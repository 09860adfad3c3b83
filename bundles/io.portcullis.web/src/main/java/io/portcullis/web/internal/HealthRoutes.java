package io.portcullis.web.internal;

import io.portcullis.web.ApiResponse;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The built-in {@code /health} routes; they go through the route table like any contributed route.
 * Public (probes carry no credential) and never rate limited.
 */
final class HealthRoutes {

    private final Readiness readiness;
    private final Supplier<WebSettings> settings;

    HealthRoutes(Readiness readiness, Supplier<WebSettings> settings) {
        this.readiness = readiness;
        this.settings = settings;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/health/live", request -> live())
                        .publicAccess()
                        .summary("Liveness: 200 while the process runs")
                        .response(Map.class),
                Route.get("/health/ready", request -> ready())
                        .publicAccess()
                        .summary("Readiness: 200 with each check once the core is up, else 503")
                        .response(Map.class)
                        .problems(503));
    }

    private static ApiResponse live() {
        return ApiResponse.ok(Map.of("status", "UP"));
    }

    private ApiResponse ready() {
        Readiness.Verdict verdict = readiness.evaluate(settings.get().requiredChecks());
        if (!verdict.ready()) {
            throw new ProblemException(
                    503, "Service Unavailable", "Not ready: " + String.join("; ", verdict.problems()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.put("checks", verdict.checks());
        return new ApiResponse(200, body, Map.of("Cache-Control", "no-store"));
    }
}
