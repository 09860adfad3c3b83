package io.portcullis.models.internal.api;

import io.portcullis.audit.Actor;
import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelRefusal;
import io.portcullis.models.ModelResult;
import io.portcullis.models.internal.gateway.Gateway;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider.ToolCall;
import io.portcullis.spi.ModelProvider.Usage;
import io.portcullis.web.ApiRequest;
import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import io.portcullis.web.StreamingBody;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * {@code POST /api/v1/workspaces/{ws}/completions}: a call through the metered path, answered whole as
 * JSON, or with {@code Accept: text/event-stream} as server-sent events ({@code delta},
 * {@code tool_call}, {@code tool_arguments}, then {@code usage} and {@code done}, or {@code error}
 * when the provider fails once the stream started). A refusal before the provider answers as a
 * problem with the refusal's status ({@code Retry-After} for 429 and 503). A client that leaves
 * mid-stream cancels the provider's call.
 */
public final class CompletionRoutes {

    public static final String PATH = "/api/v1/workspaces/{ws}/completions";
    public static final String INVOKE = "workspace:{ws}:completions:invoke";
    static final String EVENT_STREAM = "text/event-stream";
    /** Content, tools and JSON framing of the largest valid body. */
    static final long MAX_BODY = 4L * 1024 * 1024;

    private final Gateway gateway;

    public CompletionRoutes(Gateway gateway) {
        this.gateway = gateway;
    }

    public List<Route> routes() {
        return List.of(Route.post(PATH, this::complete)
                .requires(INVOKE)
                .maxBodyBytes(MAX_BODY)
                .summary("Call a model profile through the metered path; stream with Accept: text/event-stream")
                .request(CompletionBody.class)
                .response(CompletionJson.ResultView.class)
                .problems(402, 404, 409, 429, 502, 503, 504));
    }

    ApiResponse complete(ApiRequest request) {
        String workspaceId = request.callerWorkspace();
        CompletionBody body = request.body(CompletionBody.class);
        Actor actor = Actor.of(request.caller());
        ModelCall call = CompletionRequests.call(body, workspaceId, actor.id(), null, request.requestId());
        Gateway.Prepared prepared;
        try {
            prepared = gateway.prepare(call, actor);
        } catch (ModelRefusal refusal) {
            return Problems.response(refusal, request.requestId());
        }
        if (wantsStream(request)) {
            return new ApiResponse(
                    200,
                    new EventStream(prepared, request.requestId()),
                    Map.of("Cache-Control", "no-store", "X-Accel-Buffering", "no"));
        }
        try {
            return ApiResponse.ok(CompletionJson.ResultView.of(prepared.run(IGNORE)));
        } catch (ModelRefusal refusal) {
            return Problems.response(refusal, request.requestId());
        }
    }

    static boolean wantsStream(ApiRequest request) {
        return request.header("Accept")
                .map(accept -> accept.toLowerCase(Locale.ROOT).contains(EVENT_STREAM))
                .orElse(false);
    }

    /** The events of one prepared call, written on the request's thread as they come. */
    static final class EventStream implements StreamingBody {
        private final Gateway.Prepared prepared;
        private final String requestId;

        EventStream(Gateway.Prepared prepared, String requestId) {
            this.prepared = prepared;
            this.requestId = requestId;
        }

        @Override
        public String contentType() {
            return EVENT_STREAM;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            SseSink sink = new SseSink(out);
            try {
                ModelResult result = prepared.run(sink);
                Map<String, Object> usage = new LinkedHashMap<>();
                usage.put("input_tokens", result.usage().inputTokens());
                usage.put("output_tokens", result.usage().outputTokens());
                usage.put("source", result.usageSource());
                usage.put("cost_micros", result.costMicros());
                sink.event("usage", usage);
                sink.event("done", CompletionJson.ResultView.of(result));
            } catch (ModelRefusal refusal) {
                try {
                    sink.event("error", Problems.body(refusal, requestId));
                } catch (CancellationException gone) {
                    // the client left while the failure was told
                }
            } catch (CancellationException gone) {
                // the client left: the call was cancelled, settled and recorded; nobody to tell
            } finally {
                prepared.abandon(); // no-op once run; gives the reservation back if the stream never ran
            }
        }
    }

    /** The JSON answer needs no deltas: it waits for the whole completion. */
    private static final CompletionSink IGNORE = new CompletionSink() {
        @Override
        public void text(String delta) {}

        @Override
        public void toolCallStart(int index, String id, String name) {}

        @Override
        public void toolCallArguments(int index, String fragment) {}

        @Override
        public void toolCall(int index, ToolCall call) {}

        @Override
        public void usage(Usage usage) {}

        @Override
        public void finish(String reason) {}
    };
}
