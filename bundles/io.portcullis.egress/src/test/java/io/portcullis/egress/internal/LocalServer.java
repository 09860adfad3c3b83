package io.portcullis.egress.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An HTTP server on a loopback address that records what it receives. Handlers are per path prefix. */
final class LocalServer implements AutoCloseable {

    /** What one request carried. */
    record Seen(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse("");
        }
    }

    private final HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    LocalServer(String address, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 0);
        server.start();
    }

    static LocalServer start() throws IOException {
        return new LocalServer("127.0.0.1", 0);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Handles {@code path} (and below) with {@code handler}, after recording the request. */
    LocalServer on(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            seen.add(new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        return this;
    }

    static HttpHandler text(int status, String body) {
        return exchange -> send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    static HttpHandler redirect(int status, String location) {
        return exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            send(exchange, status, new byte[0]);
        };
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
