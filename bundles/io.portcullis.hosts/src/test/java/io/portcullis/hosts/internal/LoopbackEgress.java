package io.portcullis.hosts.internal;

import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.EgressStreamSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * The core's egress in tests, a stand-in for the guard (tested in the egress bundle): a plain HTTP
 * client that streams the response line by line as it arrives, and notes when its reader stopped
 * reading (the sink said stop, or the pump was interrupted).
 */
final class LoopbackEgress implements EgressClient {

    final CountDownLatch stopped = new CountDownLatch(1);
    private final HttpClient client = HttpClient.newHttpClient();

    @Override
    public EgressResponse send(EgressRequest request) throws EgressException {
        throw new EgressException(EgressException.Reason.REFUSED, "only streams in this test");
    }

    @Override
    public void stream(EgressRequest request, EgressStreamSink sink) throws EgressException {
        HttpResponse<InputStream> response;
        try {
            response = client.send(
                    HttpRequest.newBuilder(request.uri()).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new EgressException(EgressException.Reason.FAILED, "connection failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EgressException(EgressException.Reason.FAILED, "interrupted");
        }
        sink.open(response.statusCode(), response.headers().map());
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!sink.line(line)) {
                    stopped.countDown();
                    return;
                }
            }
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                stopped.countDown();
            }
            throw new EgressException(EgressException.Reason.FAILED, "read failed");
        }
    }
}
