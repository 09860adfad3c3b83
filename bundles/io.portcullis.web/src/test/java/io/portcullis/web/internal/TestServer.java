package io.portcullis.web.internal;

import io.portcullis.web.ApiResponse;
import io.portcullis.web.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** The real component, constructed without a framework, listening on 127.0.0.1. */
final class TestServer implements AutoCloseable {

    final WebServer component;
    final List<String> startupFailures = new ArrayList<>();
    final Http http;

    TestServer(WebConfig config) {
        this(config, Map.of(), new AtomicBoolean(true));
    }

    TestServer(WebConfig config, Map<String, String> env, AtomicBoolean firstStart) {
        component = new WebServer(config, env, startupFailures::add, firstStart, new PortPublisher(null));
        http = new Http(component.port());
    }

    /** A server with the default test limits and one public route, {@code POST /echo}, answering its JSON body. */
    static TestServer withEcho() {
        TestServer server = new TestServer(TestConfig.ephemeral(1024));
        server.component.addRoutes(
                "echo",
                "echo",
                () -> List.of(Route.post("/echo", request -> ApiResponse.ok(request.body(Map.class)))
                        .publicAccess()));
        return server;
    }

    int port() {
        return component.port();
    }

    @Override
    public void close() {
        component.deactivate();
    }
}
