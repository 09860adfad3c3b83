package io.portcullis.tools.internal.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.portcullis.audit.Actor;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.ToolInvoker;
import io.portcullis.tools.ToolOutcome;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.PageRequest;
import io.portcullis.web.ProblemException;
import io.portcullis.web.Route;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A workspace's tools: listed by its members, called by its operators and above. A call that ran
 * answers 200 whether the tool succeeded or failed (timeout included): the HTTP status says what the
 * API did, the body's {@code status} what the tool did. A call waiting for an approval answers 202
 * with the approval's id; a refused call answers a problem whose detail starts with its code
 * ({@code read_only: …}, {@code run_limit: …}).
 */
final class ToolRoutes {

    static final String BASE = "/api/v1/workspaces/{ws}/tools";
    static final String READ = "workspace:{ws}:tools:read";
    static final String INVOKE = "workspace:{ws}:tools:invoke";
    private static final Pattern CURSOR = Pattern.compile("[a-z0-9._-]{1,64}");

    private final ToolInvoker invoker;

    ToolRoutes(ToolInvoker invoker) {
        this.invoker = invoker;
    }

    private static final String INVOKE_DOC = "Body: {\"arguments\": {...}, \"run_id\": \"...\", "
            + "\"timeout_ms\": 1..30000}, all optional. 200 with the tool's result; 202 with {\"approval_id\", "
            + "\"status\": \"pending\"} and a Location when the call waits for an approval.";

    List<Route> routes() {
        return List.of(
                Route.get(BASE, this::list)
                        .requires(READ)
                        .summary("List the tools this workspace may call")
                        .pageOf(Views.Tool.class),
                Route.post(BASE + "/{name}/invocations", this::invoke)
                        .requires(INVOKE)
                        .summary("Call a tool")
                        .description(INVOKE_DOC)
                        .request(Map.class)
                        .response(Map.class)
                        .problems(409, 502, 503, 504));
    }

    /**
     * The workspace's tools by name, paged like every list of the API ({@code ?limit=&cursor=}, the cursor
     * being the last name of the previous page), so a client pages tools with the code it pages anything else.
     */
    ApiResponse list(ApiRequest request) {
        PageRequest paging = PageRequest.of(request, ToolRoutes::cursor);
        List<Views.Tool> rows = invoker.tools(request.callerWorkspace()).stream()
                .map(Views.Tool::of)
                .filter(tool -> tool.name().compareTo(paging.after()) > 0)
                .sorted(Comparator.comparing(Views.Tool::name))
                .limit(paging.fetch())
                .toList();
        return ApiResponse.ok(paging.page(rows, Views.Tool::name));
    }

    /** A cursor is a tool name: lower-case words, dots, digits, '_' and '-', at most 64 characters. */
    private static boolean cursor(String value) {
        return CURSOR.matcher(value).matches();
    }

    ApiResponse invoke(ApiRequest request) {
        String workspaceId = request.callerWorkspace();
        InvocationBody body = InvocationBody.parse(request.body(JsonNode.class));
        ToolCall call = new ToolCall(
                workspaceId,
                Actor.of(request.caller()),
                request.pathParam("name"),
                body.arguments(),
                body.runId(),
                body.timeout(),
                request.requestId());
        ToolOutcome outcome = invoker.invoke(call);
        if (outcome instanceof ToolOutcome.Completed completed) {
            return ApiResponse.ok(completed.body());
        }
        if (outcome instanceof ToolOutcome.Pending pending) {
            return new ApiResponse(
                    202,
                    Views.Pending.of(pending),
                    Map.of("Location", "/api/v1/workspaces/" + workspaceId + "/approvals/" + pending.approvalId()));
        }
        throw problem((ToolOutcome.Refused) outcome);
    }

    static ProblemException problem(ToolOutcome.Refused refused) {
        if (refused.status() == 404) {
            return ProblemException.notFound();
        }
        String title = switch (refused.status()) {
            case 400 -> "Bad Request";
            case 409 -> "Conflict";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Error";
        };
        return new ProblemException(refused.status(), title, refused.code() + ": " + refused.detail());
    }
}
