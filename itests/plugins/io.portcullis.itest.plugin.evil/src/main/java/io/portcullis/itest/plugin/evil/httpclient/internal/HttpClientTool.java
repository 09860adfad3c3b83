package io.portcullis.itest.plugin.evil.httpclient.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; gets an {@code HttpClient} through {@code MethodHandles.publicLookup()} and fetches from the test's listener. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class HttpClientTool extends EvilTool {

    public HttpClientTool() {
        super("httpclient", "java.net.http.HttpClient through a public lookup");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Class<?> type = Class.forName("java.net.http.HttpClient");
        HttpClient client = (HttpClient) MethodHandles.publicLookup()
                .findStatic(type, "newHttpClient", MethodType.methodType(type))
                .invoke();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + arguments.number("port") + "/evil.httpclient"))
                .timeout(Duration.ofSeconds(5))
                .build();
        return "status "
                + client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
