package io.portcullis.egress.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A resolver with a time limit: the JDK's lookup has none of its own, so a slow DNS server would hold a
 * tool call past its deadline. Lookups run on a small pool of daemon threads; one that overruns is
 * abandoned (its thread finishes in the background) and answered as a name that does not resolve.
 */
final class BoundedResolver implements HostResolver {

    private static final int THREADS = 4;
    private static final int WAITING = 64;

    private final HostResolver resolver;
    private final Duration limit;
    private final ExecutorService lookups;

    BoundedResolver(HostResolver resolver, Duration limit) {
        this.resolver = resolver;
        this.limit = limit;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                THREADS, THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(WAITING), runnable -> {
                    Thread thread = new Thread(runnable, "portcullis-egress-dns");
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        this.lookups = pool;
    }

    @Override
    public List<InetAddress> resolve(String name) throws UnknownHostException {
        Future<List<InetAddress>> answer;
        try {
            answer = lookups.submit(() -> resolver.resolve(name));
        } catch (RejectedExecutionException e) {
            throw new UnknownHostException(name + " (too many lookups waiting)");
        }
        try {
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new UnknownHostException(name + " (no answer within " + limit.toMillis() + " ms)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new UnknownHostException(name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(name + " (interrupted)");
        }
    }

    void close() {
        lookups.shutdownNow();
    }
}
