package io.portcullis.host.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RpcEndpointTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final BlockingQueue<String> closedA = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> closedB = new LinkedBlockingQueue<>();
    private final Map<String, Handler> handlersA = new ConcurrentHashMap<>();
    private final Map<String, Handler> handlersB = new ConcurrentHashMap<>();
    private final List<String> notificationsB = Collections.synchronizedList(new ArrayList<>());
    private Pipe aToB;
    private Pipe bToA;
    private RpcEndpoint a;
    private RpcEndpoint b;

    @FunctionalInterface
    interface Handler {
        @Nullable Object handle(JsonNode params) throws Exception;
    }

    @BeforeEach
    void link() throws IOException {
        aToB = Pipe.open();
        bToA = Pipe.open();
        a = endpoint("a", in(bToA), out(aToB), handlersA, List.of(), closedA, RpcEndpoint.MAX_FRAME_BYTES);
        b = endpoint("b", in(aToB), out(bToA), handlersB, notificationsB, closedB, RpcEndpoint.MAX_FRAME_BYTES);
        a.start();
        b.start();
        handlersA.put("echo", p -> p);
        handlersB.put("echo", p -> p);
    }

    @AfterEach
    void unlink() {
        a.close();
        b.close();
        executor.shutdownNow();
    }

    @Test
    void callsGoBothWays() throws Exception {
        assertThat(a.call("echo", Map.of("x", 1), deadline()).path("x").asInt()).isEqualTo(1);
        assertThat(b.call("echo", new Pong(7, 3), Pong.class, deadline())).isEqualTo(new Pong(7, 3));
    }

    @Test
    void aHandlerMayCallBackDuringTheCall() throws Exception {
        handlersA.put("inner", p -> p.asInt() * 10);
        handlersB.put("outer", p -> b.call("inner", p.asInt() + 1, deadline()).asInt() + 1);

        assertThat(a.call("outer", 4, deadline()).asInt()).isEqualTo(51);
    }

    @Test
    void concurrentCallsGetTheirOwnAnswers() throws Exception {
        List<CompletableFuture<Boolean>> calls = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            calls.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            for (int i = 0; i < 200; i++) {
                                String value = thread + "/" + i;
                                if (!a.call("echo", value, deadline()).asText().equals(value)) {
                                    return false;
                                }
                            }
                            return true;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    executor));
        }
        for (CompletableFuture<Boolean> call : calls) {
            assertThat(call.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aCallWithoutAnswerTimesOutAndTheLinkStaysUsable() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        handlersB.put("stuck", p -> {
            release.await();
            return "late";
        });

        assertThatThrownBy(() -> a.call("stuck", null, Instant.now().plusMillis(100)))
                .isInstanceOfSatisfying(
                        RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.TIMEOUT));
        release.countDown();

        assertThat(a.call("echo", "still there", deadline()).asText()).isEqualTo("still there");
        assertThat(a.isClosed()).isFalse();
    }

    @Test
    void endOfStreamFailsPendingCallsWithClosed() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        handlersB.put("stuck", p -> {
            entered.countDown();
            new CountDownLatch(1).await();
            return null;
        });
        CompletableFuture<JsonNode> call = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return a.call("stuck", null, deadline());
                    } catch (RpcError e) {
                        throw new IllegalStateException(e);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                },
                executor);
        assertThat(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        bToA.sink().close(); // b's side goes away: a reads EOF

        assertThat(closedA.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("EOF");
        assertThatThrownBy(() -> call.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseInstanceOf(RpcError.class)
                .satisfies(e ->
                        assertThat(((RpcError) e.getCause().getCause()).code()).isEqualTo(RpcError.CLOSED));
        assertThatThrownBy(() -> a.call("echo", 1, deadline()))
                .isInstanceOfSatisfying(
                        RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.CLOSED));
    }

    @Test
    void errorsCarryCodeMessageAndData() throws Exception {
        ObjectNode data = Wire.mapper().createObjectNode().put("reason", "REFUSED");
        handlersB.put("refuse", p -> {
            throw new RpcError(RpcError.EGRESS, "host not allowed", data);
        });
        handlersB.put("crash", p -> {
            throw new IllegalStateException("token=s3cr3t");
        });

        assertThatThrownBy(() -> a.call("refuse", null, deadline())).isInstanceOfSatisfying(RpcError.class, e -> {
            assertThat(e.code()).isEqualTo(RpcError.EGRESS);
            assertThat(e.getMessage()).isEqualTo("host not allowed");
            assertThat(e.dataText("reason")).isEqualTo("REFUSED");
        });
        assertThatThrownBy(() -> a.call("crash", null, deadline())).isInstanceOfSatisfying(RpcError.class, e -> {
            assertThat(e.code()).isEqualTo(RpcError.INTERNAL);
            assertThat(e.getMessage()).isEqualTo(IllegalStateException.class.getName());
        });
        assertThatThrownBy(() -> a.call("nope", null, deadline()))
                .isInstanceOfSatisfying(
                        RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.METHOD_NOT_FOUND));
    }

    @Test
    void notificationsArriveInOrder() throws Exception {
        for (int i = 0; i < 300; i++) {
            a.notify("n", i);
        }
        a.call("echo", null, deadline()); // b answered: every notification before it was read

        waitUntil(() -> notificationsB.size() == 300);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            expected.add("n:" + i);
        }
        assertThat(notificationsB).containsExactlyElementsOf(expected);
    }

    @Test
    void anOversizedFrameIsAViolationAndAFrameUnderTheCapIsNot() throws Exception {
        Pipe raw = Pipe.open();
        Pipe sink = Pipe.open();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        BlockingQueue<String> closed = new LinkedBlockingQueue<>();
        RpcEndpoint small = endpoint("small", in(raw), out(sink), Map.of(), seen, closed, 100);
        small.start();
        OutputStream peer = out(raw);

        String fits = "{\"jsonrpc\":\"2.0\",\"method\":\"n\",\"params\":\"" + "x".repeat(50) + "\"}";
        assertThat(fits.length()).isLessThanOrEqualTo(100);
        peer.write((fits + "\n").getBytes(StandardCharsets.UTF_8));
        peer.flush();
        waitUntil(() -> seen.size() == 1);

        String tooLong = "{\"jsonrpc\":\"2.0\",\"method\":\"n\",\"params\":\"" + "x".repeat(200) + "\"}\n";
        peer.write(tooLong.getBytes(StandardCharsets.UTF_8));
        peer.flush();

        assertThat(closed.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).contains("longer than 100 bytes");
        assertThat(seen).hasSize(1);
        assertThat(small.isClosed()).isTrue();
    }

    @Test
    void garbageIsAViolation() throws Exception {
        assertThat(violationOf("not json")).isEqualTo("frame is not JSON");
        assertThat(violationOf("{\"jsonrpc\":\"2.0\",\"method\":\"n\"} trailing"))
                .isEqualTo("frame is not JSON");
        assertThat(violationOf("[1,2]")).isEqualTo("frame is not a JSON-RPC 2.0 object");
        assertThat(violationOf("{\"method\":\"n\"}")).isEqualTo("frame is not a JSON-RPC 2.0 object");
        assertThat(violationOf("{\"jsonrpc\":\"2.0\",\"id\":1}"))
                .isEqualTo("frame is neither a request, a notification nor a response");
        assertThat(violationOf("{\"jsonrpc\":\"2.0\",\"method\":5}")).isEqualTo("method is not a string");
    }

    @Test
    void aPendingCallFailsWithClosedOnAViolation() throws Exception {
        handlersB.put("garble", p -> {
            OutputStream raw = out(bToA);
            raw.write("garbage\n".getBytes(StandardCharsets.UTF_8));
            raw.flush();
            return null;
        });

        assertThatThrownBy(() -> a.call("garble", null, deadline()))
                .isInstanceOfSatisfying(
                        RpcError.class, e -> assertThat(e.code()).isEqualTo(RpcError.CLOSED));
        assertThat(closedA.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("frame is not JSON");
    }

    @Test
    void closeEndsTheLinkForBothSides() throws Exception {
        a.close();

        assertThat(closedA.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("EOF");
        assertThat(closedB.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("EOF");
    }

    private String violationOf(String line) throws Exception {
        Pipe raw = Pipe.open();
        BlockingQueue<String> closed = new LinkedBlockingQueue<>();
        RpcEndpoint endpoint = endpoint("g", in(raw), out(Pipe.open()), Map.of(), List.of(), closed, 1000);
        endpoint.start();
        OutputStream peer = out(raw);
        peer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        peer.flush();
        String violation = closed.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        endpoint.close();
        return violation;
    }

    private RpcEndpoint endpoint(
            String name,
            InputStream in,
            OutputStream out,
            Map<String, Handler> handlers,
            List<String> notifications,
            BlockingQueue<String> closed,
            int max) {
        RpcEndpoint.Handler handler = new RpcEndpoint.Handler() {
            @Override
            public @Nullable Object request(String method, JsonNode params) throws RpcError {
                Handler h = handlers.get(method);
                if (h == null) {
                    throw new RpcError(RpcError.METHOD_NOT_FOUND, method);
                }
                try {
                    return h.handle(params);
                } catch (RpcError | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void notification(String method, JsonNode params) {
                notifications.add(method + ":" + params.asText());
            }
        };
        return new RpcEndpoint(name, in, out, handler, executor, v -> closed.add(v == null ? "EOF" : v), max);
    }

    private static InputStream in(Pipe pipe) {
        return Channels.newInputStream(pipe.source());
    }

    private static OutputStream out(Pipe pipe) {
        return Channels.newOutputStream(pipe.sink());
    }

    private static Instant deadline() {
        return Instant.now().plus(WAIT);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant end = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean() && Instant.now().isBefore(end)) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
