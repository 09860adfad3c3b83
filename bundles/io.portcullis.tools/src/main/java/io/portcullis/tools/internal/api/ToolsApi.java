package io.portcullis.tools.internal.api;

import io.portcullis.tools.ToolInvoker;
import io.portcullis.tools.internal.approvals.Approvals;
import io.portcullis.web.Route;
import java.util.ArrayList;
import java.util.List;

/** Every REST route of the tools bundle, built once for its route provider. */
public final class ToolsApi {

    private final List<Route> routes;

    public ToolsApi(ToolInvoker invoker, Approvals approvals) {
        List<Route> all = new ArrayList<>(new ToolRoutes(invoker).routes());
        all.addAll(new ApprovalRoutes(approvals).routes());
        this.routes = List.copyOf(all);
    }

    public List<Route> routes() {
        return routes;
    }
}
