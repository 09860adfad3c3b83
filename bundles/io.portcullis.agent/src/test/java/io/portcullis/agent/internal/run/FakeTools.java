package io.portcullis.agent.internal.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.spi.Risk;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.tools.ApprovalState;
import io.portcullis.tools.ToolCall;
import io.portcullis.tools.ToolInfo;
import io.portcullis.tools.ToolInvoker;
import io.portcullis.tools.ToolOutcome;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** The tool invoker's stand-in: tools with scripted outcomes; records every call, approval look-up and expiry. */
final class FakeTools implements ToolInvoker {

    final List<ToolCall> calls = new CopyOnWriteArrayList<>();
    final List<String> expiredRuns = new CopyOnWriteArrayList<>();
    final Map<String, ApprovalState> approvals = new ConcurrentHashMap<>();
    private final Map<String, ToolInfo> tools = new ConcurrentHashMap<>();
    private final Map<String, Function<ToolCall, ToolOutcome>> outcomes = new ConcurrentHashMap<>();

    FakeTools tool(String name, Risk risk, Function<ToolCall, ToolOutcome> outcome) {
        tools.put(
                name,
                new ToolInfo(
                        new ToolDescriptor(name, "1.0.0", "A test tool.", "{\"type\":\"object\"}", risk),
                        "io.portcullis.tool.test",
                        "1.0.0"));
        outcomes.put(name, outcome);
        return this;
    }

    static ToolOutcome ok(String text) {
        ObjectNode body = Json.object().put("status", "ok");
        body.putObject("result").put("untrusted", true).put("text", text);
        return new ToolOutcome.Completed(true, "ok", body);
    }

    @Override
    public ToolOutcome invoke(ToolCall call) {
        calls.add(call);
        return outcomes.get(call.tool()).apply(call);
    }

    @Override
    public List<ToolInfo> tools(String workspaceId) {
        return List.copyOf(tools.values());
    }

    @Override
    public Optional<ApprovalState> approval(String workspaceId, String approvalId) {
        return Optional.ofNullable(approvals.get(approvalId));
    }

    @Override
    public int expireApprovals(String workspaceId, String runId) {
        expiredRuns.add(runId);
        int expired = 0;
        for (Map.Entry<String, ApprovalState> approval : approvals.entrySet()) {
            if (approval.getValue().status().equals("pending")) {
                approval.setValue(new ApprovalState("expired", null));
                expired++;
            }
        }
        return expired;
    }
}
