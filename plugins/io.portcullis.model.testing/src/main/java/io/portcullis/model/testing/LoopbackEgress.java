package io.portcullis.model.testing;

import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.EgressStreamSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EgressClient} for tests of provider plugins, over {@code java.net.http} to loopback: it
 * injects a credential the way the core's guard does ({@code bearer_token} as {@code Authorization:
 * Bearer <value>}, {@code api_key} as {@code X-API-Key: <value>}), refuses a request that sets that
 * header itself or names an unknown credential, scrubs the value from every response line, and streams
 * line by line with an idle timeout, as the core's client does. No URL checks: it reaches loopback only
 * because tests point it there. Thread-safe.
 */
public final class LoopbackEgress implements EgressClient {

    /** What the guard writes in place of a credential it finds in a response. */
    public static final String SCRUBBED = "[REDACTED:credential]";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, String[]> credentials = new HashMap<>();
    private volatile Duration idleTimeout = Duration.ofSeconds(5);

    /** Injects {@code value} as {@code Authorization: Bearer <value>} for credential {@code id} (kind {@code bearer_token}). */
    public synchronized LoopbackEgress bearer(String id, String value) {
        credentials.put(id, new String[] {"Authorization", "Bearer " + value, value});
        return this;
    }

    /** Injects {@code value} as {@code X-API-Key: <value>} for credential {@code id} (kind {@code api_key}). */
    public synchronized LoopbackEgress apiKey(String id, String value) {
        credentials.put(id, new String[] {"X-API-Key", value, value});
        return this;
    }

    /** How long a stream may stay silent before it fails with {@link Reason#TIMEOUT} (5 s by default). */
    public LoopbackEgress idleTimeout(Duration timeout) {
        this.idleTimeout = timeout;
        return this;
    }

    @Override
    public EgressResponse send(EgressRequest request) throws EgressException {
        String[] credential = credential(request);
        try {
            HttpResponse<byte[]> response = client.send(build(request, credential), BodyHandlers.ofByteArray());
            String body = scrub(new String(response.body(), StandardCharsets.UTF_8), credential);
            return new EgressResponse(
                    response.statusCode(), response.headers().map(), body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EgressException(
                    Reason.FAILED, "the exchange failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgressException(Reason.FAILED, "interrupted");
        }
    }

    @Override
    public void stream(EgressRequest request, EgressStreamSink sink) throws EgressException {
        String[] credential = credential(request);
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
        try {
            response = client.send(build(request, credential), BodyHandlers.ofPublisher());
        } catch (IOException e) {
            throw new EgressException(
                    Reason.FAILED, "the exchange failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgressException(Reason.FAILED, "interrupted");
        }
        sink.open(response.statusCode(), response.headers().map());
        Lines lines = new Lines();
        response.body().subscribe(lines);
        lines.pump(sink, credential, idleTimeout);
    }

    private synchronized String[] credential(EgressRequest request) throws EgressException {
        CredentialRef ref = request.credential();
        if (ref == null) {
            return null;
        }
        String[] credential = credentials.get(ref.credentialId());
        if (credential == null) {
            throw new EgressException(Reason.REFUSED, "credential '" + ref.credentialId() + "' not bound");
        }
        for (String name : request.headers().keySet()) {
            if (name.equalsIgnoreCase(credential[0])) {
                throw new EgressException(Reason.REFUSED, "header '" + credential[0] + "' is set by the credential");
            }
        }
        return credential;
    }

    private static HttpRequest build(EgressRequest request, String[] credential) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        if (credential != null) {
            builder.header(credential[0], credential[1]);
        }
        return builder.build();
    }

    private static String scrub(String text, String[] credential) {
        return credential == null ? text : text.replace(credential[2], SCRUBBED);
    }

    /** Takes the body's buffers one at a time and cuts them into lines for the caller's thread. */
    private static final class Lines implements Flow.Subscriber<List<ByteBuffer>> {

        private static final Object END = new Object();
        private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            items.add(buffers);
        }

        @Override
        public void onError(Throwable error) {
            items.add(error);
        }

        @Override
        public void onComplete() {
            items.add(END);
        }

        @SuppressWarnings("unchecked")
        void pump(EgressStreamSink sink, String[] credential, Duration idleTimeout) throws EgressException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            try {
                while (true) {
                    Object item = items.poll(idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
                    if (item == null) {
                        throw new EgressException(Reason.TIMEOUT, "the server stayed silent past the idle timeout");
                    }
                    if (item == END) {
                        if (line.size() > 0) {
                            sink.line(text(line, credential));
                        }
                        return;
                    }
                    if (item instanceof Throwable error) {
                        throw new EgressException(
                                Reason.FAILED,
                                "the connection failed mid-stream: "
                                        + error.getClass().getSimpleName());
                    }
                    for (ByteBuffer buffer : (List<ByteBuffer>) item) {
                        while (buffer.hasRemaining()) {
                            byte b = buffer.get();
                            if (b != '\n') {
                                line.write(b);
                            } else if (!sink.line(text(line, credential))) {
                                return;
                            } else {
                                line.reset();
                            }
                        }
                    }
                    subscription.request(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EgressException(Reason.FAILED, "interrupted");
            } finally {
                Flow.Subscription held = subscription;
                if (held != null) {
                    held.cancel();
                }
            }
        }

        private static String text(ByteArrayOutputStream line, String[] credential) {
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            return scrub(text, credential);
        }
    }
}
