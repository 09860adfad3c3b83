package io.portcullis.web.internal;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.UnresolvedAddressException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Javalin instance at a time. Javalin takes routes only in its configuration, so a catch-all
 * handler per method is mounted once and the {@link Dispatcher} routes from there.
 */
final class HttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final Dispatcher dispatcher;
    private final Problems problems;
    private final RequestAuditing auditing;
    private volatile @Nullable Javalin app;

    HttpServer(Dispatcher dispatcher, Problems problems, RequestAuditing auditing) {
        this.dispatcher = dispatcher;
        this.problems = problems;
        this.auditing = auditing;
    }

    /** Starts listening and returns the bound port; throws a {@link ListenFailure} if it cannot. */
    synchronized int start(String host, int port) {
        if (app != null) {
            throw new IllegalStateException("the HTTP server is already running");
        }
        probe(host, port);
        Javalin created = Javalin.create(config -> configure(config, host, port));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(new StartupClassLoader(
                HttpServer.class.getClassLoader(), previous != null ? previous : ClassLoader.getSystemClassLoader()));
        try {
            created.start();
        } catch (RuntimeException e) {
            stopQuietly(created);
            throw listenFailure(e, host, port);
        } finally {
            thread.setContextClassLoader(previous);
        }
        app = created;
        return created.port();
    }

    boolean running() {
        return app != null;
    }

    /** Stops Jetty; requests in flight get Jetty's graceful stop. */
    synchronized void stop() {
        if (app != null) {
            stopQuietly(app);
            app = null;
        }
    }

    private void configure(JavalinConfig config, String host, int port) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.jetty.host = host;
        config.jetty.port = port;
        config.router.ignoreTrailingSlashes = false;
        config.router.treatMultipleSlashesAsSingleSlash = false;
        config.http.generateEtags = false;
        config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
        config.routes.before(RequestScope::begin);
        for (HandlerType type : HandlerType.values()) {
            if (type.isHttpMethod()) {
                config.routes.addHttpHandler(type, "/*", dispatcher);
            }
        }
        config.routes.exception(Exception.class, (e, ctx) -> problems.write(ctx, e));
        // Javalin's own answers get a problem body like ours. Its 404 means a method with no
        // catch-all (say FOO): the dispatcher still tells 404 from 405 for it.
        for (int status = 400; status < 600; status++) {
            config.routes.error(status, ctx -> {
                if (RequestScope.written(ctx)) {
                    return;
                }
                if (ctx.statusCode() == 404) {
                    dispatcher.handle(ctx);
                } else {
                    problems.write(ctx, Problems.forStatus(ctx.statusCode()));
                }
            });
        }
        // After every other stage, before Javalin sends the body: the answer is known and can still change.
        config.routes.after(auditing);
        config.router.javaLangErrorHandler(this::onError);
        config.requestLogger.http(RequestLog::log);
        config.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler(problems)));
        config.jetty.modifyServletContextHandler(
                handler -> handler.setErrorHandler(new ProblemErrorHandler.Servlet(problems)));
        config.jetty.modifyHttpConfiguration(http -> {
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
        });
    }

    /** A java.lang.Error in a handler (say a NoClassDefFoundError): a generic 500, logged. */
    private void onError(HttpServletResponse response, Error error) {
        String requestId = response.getHeader(RequestIds.HEADER);
        if (requestId == null) {
            requestId = RequestIds.generate();
        }
        LOG.error("Request '{}' failed", requestId, error);
        if (response.isCommitted()) {
            return;
        }
        try {
            response.reset();
            response.setStatus(500);
            response.setHeader(RequestIds.HEADER, requestId);
            response.setContentType(Json.PROBLEM_JSON);
            response.getOutputStream().write(problems.body(Problems.forStatus(500), null, requestId));
        } catch (IOException | IllegalStateException e) {
            LOG.debug("Could not write the error response of request '{}'", requestId, e);
        } finally {
            RequestScope.end();
        }
    }

    /** Why the server cannot listen, in one line without a stack trace. */
    static final class ListenFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final boolean portInUse;

        ListenFailure(String message, boolean portInUse, Throwable cause) {
            super(message, cause);
            this.portInUse = portInUse;
        }

        boolean portInUse() {
            return portInUse;
        }
    }

    /**
     * Binds and releases the address first: Javalin logs a failed start at ERROR with a stack trace,
     * while a taken port is an operator's everyday mistake that deserves one line.
     */
    private static void probe(String host, int port) {
        if (port == 0) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new ListenFailure("host " + host + " cannot be resolved", false, new UnresolvedAddressException());
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (IOException e) {
            throw listenFailure(e, host, port);
        }
    }

    private static ListenFailure listenFailure(Exception e, String host, int port) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException && String.valueOf(t.getMessage()).contains("in use")) {
                return new ListenFailure("port " + port + " on " + host + " is already in use", true, e);
            }
            if (t instanceof BindException) {
                return new ListenFailure(
                        "cannot listen on " + host + ":" + port + " (" + t.getMessage() + ")", false, e);
            }
            if (t instanceof UnresolvedAddressException) {
                return new ListenFailure("host " + host + " cannot be resolved", false, e);
            }
        }
        return new ListenFailure(
                "cannot listen on " + host + ":" + port + " (" + e.getClass().getSimpleName() + ")", false, e);
    }

    private static void stopQuietly(Javalin javalin) {
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the HTTP server failed: {}", e.toString());
        }
    }
}
