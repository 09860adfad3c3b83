package io.portcullis.model.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * A model API on loopback, for tests: answers each request with a recorded {@link Fixture}, writing
 * a stream one server-sent event at a time with a flush after each (and an optional pause, for latency
 * measurements), and records every request as it arrived (headers and body) for assertions.
 *
 * <p>Which fixture answers: the next one queued with {@link #next}; when none is queued, the one the
 * path names ({@code /f/openai/plain/...}, see {@link #baseUri(String)}, so a base URL configured in
 * a server selects it); otherwise 404. Thread-safe; {@link #close} stops it, cutting any drip short.
 */
public final class FakeModelServer implements AutoCloseable {

    private static final String FIXTURE_PREFIX = "/f/";

    private final HttpServer server;
    private final ExecutorService threads;
    private final Deque<String> queued = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<Long> sentNanos = new ArrayList<>();
    private volatile Duration pausePerEvent = Duration.ZERO;
    private volatile Duration dripDelay = Duration.ofSeconds(2);

    private FakeModelServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** A server on 127.0.0.1 (the loopback address) and a free port. */
    public static FakeModelServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "fake-model-server");
                thread.setDaemon(true);
                return thread;
            });
            FakeModelServer fake = new FakeModelServer(server, threads);
            server.createContext("/", fake::handle);
            server.setExecutor(threads);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Queues {@code fixture} (such as {@code openai/plain}) for the next request; several queue in order. */
    public synchronized FakeModelServer next(String fixture) {
        Fixture.load(fixture); // fail now, in the test, for a name that does not exist
        queued.addLast(fixture);
        return this;
    }

    /** Waits this long after each event written (zero by default). */
    public FakeModelServer pausePerEvent(Duration pause) {
        this.pausePerEvent = pause;
        return this;
    }

    /** How long a {@code drip} fixture stays silent after its body (2 s by default): longer than the client's idle timeout. */
    public FakeModelServer dripDelay(Duration delay) {
        this.dripDelay = delay;
        return this;
    }

    /** {@code http://127.0.0.1:<port>}: the base URL for queued fixtures. */
    public URI baseUri() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** A base URL whose requests {@code fixture} answers when nothing is queued, such as {@code .../f/openai/plain}. */
    public URI baseUri(String fixture) {
        Fixture.load(fixture);
        return URI.create(baseUri() + FIXTURE_PREFIX + fixture);
    }

    /** Every request received so far, in order. */
    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * {@link System#nanoTime()} just after each event of the latest answer was flushed, in order: for
     * measuring how long a delta takes from the wire to a client (same JVM only).
     */
    public synchronized List<Long> sentNanos() {
        return List.copyOf(sentNanos);
    }

    /** The last request received; fails when there was none. */
    public synchronized RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new IllegalStateException("the fake model server received no request");
        }
        return requests.get(requests.size() - 1);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            Fixture fixture = record(new RecordedRequest(exchange.getRequestMethod(), path, headers, body));
            if (fixture == null) {
                byte[] missing =
                        "{\"error\":{\"message\":\"no fixture for this request\"}}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(404, missing.length);
                exchange.getResponseBody().write(missing);
                return;
            }
            answer(exchange, fixture);
        }
    }

    private synchronized @Nullable Fixture record(RecordedRequest request) {
        requests.add(request);
        String name = queued.pollFirst();
        if (name == null && request.path().startsWith(FIXTURE_PREFIX)) {
            String[] parts = request.path().substring(FIXTURE_PREFIX.length()).split("/");
            name = parts.length >= 2 ? parts[0] + "/" + parts[1] : null;
        }
        try {
            return name == null ? null : Fixture.load(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void answer(HttpExchange exchange, Fixture fixture) throws IOException {
        fixture.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] all = fixture.body().getBytes(StandardCharsets.UTF_8);
        boolean cut = fixture.mode().equals("cut");
        // A cut announces more bytes than it sends, so closing the exchange drops the connection mid-body.
        exchange.sendResponseHeaders(fixture.status(), cut ? all.length + 4096 : 0);
        OutputStream out = exchange.getResponseBody();
        synchronized (this) {
            sentNanos.clear();
        }
        try {
            for (String event : fixture.events()) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
                long sent = System.nanoTime();
                synchronized (this) {
                    sentNanos.add(sent);
                }
                sleep(pausePerEvent);
            }
            if (fixture.mode().equals("drip")) {
                sleep(dripDelay);
            }
        } catch (IOException e) {
            // the client went away (an idle timeout, a cancelled call): nothing left to send
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
