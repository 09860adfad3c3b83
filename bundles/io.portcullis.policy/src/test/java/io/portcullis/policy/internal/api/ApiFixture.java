package io.portcullis.policy.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.policy.internal.catalogue.ScopeCatalogue;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Caller;
import io.portcullis.web.HttpMethod;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import io.portcullis.web.testing.FakeRequest;
import io.portcullis.web.testing.TestCaller;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The policy API over an in-memory gate: requests go to the route the table would match, and every
 * answer (body or problem) is kept so that tests can search all of them for what must never show.
 */
abstract class ApiFixture {

    static final String WS_A = "aaaaaaaaaaaaaaaaaaaaaaaa";
    static final String WS_B = "bbbbbbbbbbbbbbbbbbbbbbbb";
    static final Caller PLATFORM = new TestCaller("platform-key", null);
    static final Caller ADMIN_A = new TestCaller("admin-of-a", WS_A);
    static final Caller ADMIN_B = new TestCaller("admin-of-b", WS_B);
    static final long UPLOAD_LIMIT = 4096;

    final FakePluginAdmin admin = new FakePluginAdmin();
    /** The egress guard's private endpoint grants, by plugin id. */
    final Map<String, List<String>> endpoints = new HashMap<>();

    final PolicyApi api =
            new PolicyApi(admin, new ScopeCatalogue(), UPLOAD_LIMIT, id -> endpoints.getOrDefault(id, List.of()));
    final List<String> answers = new ArrayList<>();

    Route route(HttpMethod method, String template) {
        return api.routes().stream()
                .filter(r -> r.method() == method && r.path().equals(template))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no route " + method + " " + template));
    }

    ApiResponse call(HttpMethod method, String template, FakeRequest request) throws Exception {
        try {
            ApiResponse response = route(method, template).handler().handle(request);
            answers.add(response.body() == null ? "" : FakeRequest.json(response.body()));
            return response;
        } catch (ProblemException e) {
            answers.add(e.title() + " " + e.detail());
            throw e;
        }
    }

    ApiResponse call(HttpMethod method, String template, Caller caller, Map<String, String> path, String body)
            throws Exception {
        return call(method, template, new FakeRequest(method, caller, path, Map.of(), body));
    }

    ApiResponse call(HttpMethod method, String template, Caller caller, Map<String, String> path) throws Exception {
        return call(method, template, caller, path, "");
    }

    static JsonNode json(ApiResponse response) throws Exception {
        return FakeRequest.tree(response);
    }

    /** The problem {@code call} threw; fails if it threw none. Declared here: the overload below hides a static import. */
    static ProblemException problem(ThrowingCallable call) {
        return FakeRequest.problem(call);
    }

    static ProblemException problem(int status, ThrowingCallable call) {
        ProblemException problem = problem(call);
        assertThat(problem.status()).as(problem.detail()).isEqualTo(status);
        return problem;
    }
}
