package io.portcullis.egress.internal;

import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.BasicHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.RegistryBuilder;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * One HTTP exchange with a checked {@link Target}, over Apache HttpClient 5 (classic) configured to do
 * nothing on its own: a fresh connection manager whose only resolver is {@link PinnedDns}, no proxy,
 * no redirects, retries, cookies, auth cache or compression. Connect time is bounded by the setting
 * and the deadline, the rest by the deadline, and a watchdog cancels the request when the deadline
 * passes, so a server that trickles bytes cannot hold the call.
 */
final class HttpHop {

    private static final TlsSocketStrategy TLS = DefaultClientTlsStrategy.createDefault();

    private final EgressSettings settings;
    private final ScheduledExecutorService watchdog;

    HttpHop(EgressSettings settings, ScheduledExecutorService watchdog) {
        this.settings = settings;
        this.watchdog = watchdog;
    }

    /**
     * The exchange; {@code reading} takes the final body and bounds each read. The connection is dropped,
     * never drained, when the reading stops early or anything fails while the body is read.
     */
    Response exchange(
            Target target,
            String method,
            List<Map.Entry<String, String>> headers,
            byte[] body,
            Deadline deadline,
            Reading reading)
            throws EgressException {
        Duration remaining = deadline.remaining();
        Duration read = reading.readTimeout(remaining);
        HttpUriRequestBase request = request(target, method, headers, body, Timeout.of(read), Timeout.of(remaining));
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> cancel = watchdog.schedule(
                () -> {
                    expired.set(true); // so the failure it causes reads as the deadline, whatever the clocks say
                    request.cancel();
                },
                remaining.toNanos(),
                TimeUnit.NANOSECONDS);
        try (CloseableHttpClient client = client(target, remaining, read)) {
            return client.execute(host(target), request, response -> read(response, request, reading));
        } catch (Stopped e) {
            return e.head;
        } catch (Carried e) {
            throw e.failure;
        } catch (IOException e) {
            if (expired.get() || deadline.passed() || e instanceof ConnectTimeoutException) {
                throw Deadline.timeout();
            }
            if (e instanceof SocketTimeoutException) {
                throw reading.silence(target, read);
            }
            throw new EgressException(
                    Reason.FAILED,
                    "the exchange with host '" + target.host().name() + "' failed ("
                            + e.getClass().getSimpleName() + ")");
        } finally {
            cancel.cancel(false);
        }
    }

    private CloseableHttpClient client(Target target, Duration remaining, Duration read) {
        Duration connect = remaining.compareTo(settings.connectTimeout()) < 0 ? remaining : settings.connectTimeout();
        BasicHttpClientConnectionManager manager = BasicHttpClientConnectionManager.create(
                DefaultSchemePortResolver.INSTANCE,
                new PinnedDns(target),
                RegistryBuilder.<TlsSocketStrategy>create()
                        .register("https", TLS)
                        .build(),
                ManagedHttpClientConnectionFactory.INSTANCE);
        manager.setConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connect))
                .setSocketTimeout(Timeout.of(read))
                .build());
        return HttpClients.custom()
                .setConnectionManager(manager)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("Portcullis-Egress")
                .build();
    }

    private static HttpUriRequestBase request(
            Target target,
            String method,
            List<Map.Entry<String, String>> headers,
            byte[] body,
            Timeout read,
            Timeout total) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, target.uri());
        headers.forEach(header -> request.addHeader(header.getKey(), header.getValue()));
        request.setHeader("Accept-Encoding", "identity");
        if (body.length > 0) {
            request.setEntity(new ByteArrayEntity(body, null));
        }
        request.setConfig(RequestConfig.custom()
                .setResponseTimeout(read)
                .setConnectionRequestTimeout(total)
                .setRedirectsEnabled(false)
                .build());
        return request;
    }

    private static HttpHost host(Target target) throws IOException {
        byte[] literal = target.host().literal();
        if (literal == null) {
            return new HttpHost(target.scheme(), target.host().name(), target.port());
        }
        InetAddress address = InetAddress.getByAddress(target.host().name(), literal);
        return new HttpHost(target.scheme(), address, target.host().name(), target.port());
    }

    private static Response read(ClassicHttpResponse response, HttpUriRequestBase request, Reading reading)
            throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
        }
        HttpEntity entity = response.getEntity();
        String coding = entity == null || entity.getContentEncoding() == null ? "" : entity.getContentEncoding();
        if (BodyReader.decodes(coding)) {
            headers.keySet()
                    .removeIf(n -> n.equalsIgnoreCase("Content-Encoding") || n.equalsIgnoreCase("Content-Length"));
        }
        Response head = new Response(response.getCode(), headers, new byte[0]);
        try {
            InputStream body =
                    entity == null ? InputStream.nullInputStream() : BodyReader.decoded(entity.getContent(), coding);
            byte[] taken = reading.take(head, entity == null ? 0 : entity.getContentLength(), body);
            if (taken == null) {
                request.cancel();
                throw new Stopped(head);
            }
            return new Response(head.status(), headers, taken);
        } catch (EgressException e) {
            request.cancel();
            throw new Carried(e);
        } catch (IOException | RuntimeException e) {
            request.cancel(); // dropped, not drained: the rest of the body may never end
            throw e;
        }
    }

    /** Ends the exchange early with the response's head: the reading has what it wants. */
    private static final class Stopped extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Response head;

        Stopped(Response head) {
            super("stopped");
            this.head = head;
        }
    }

    /** Carries a verdict out of HttpClient's response handler, which may only throw I/O exceptions. */
    private static final class Carried extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient EgressException failure;

        Carried(EgressException failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }
}
