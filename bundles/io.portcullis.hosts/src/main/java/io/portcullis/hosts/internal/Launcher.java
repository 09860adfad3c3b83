package io.portcullis.hosts.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one long-lived thread every host is started from. {@code bwrap --die-with-parent} ties a host to
 * the thread that started it (PR_SET_PDEATHSIG), not to the server: a host started from a pool thread
 * would die when that thread is retired. Tasks never end this thread (every throwable is caught).
 */
final class Launcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);

    private final ExecutorService thread;

    Launcher() {
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "portcullis-plugin-host-launcher");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on the launcher thread, after those before it. */
    void run(Runnable task) {
        thread.execute(() -> {
            try {
                task.run();
            } catch (Throwable e) { // NOPMD: the thread must outlive every task
                LOG.error("Plugin host launcher task failed", e);
            }
        });
    }

    /** Ends the thread; hosts started from it with --die-with-parent are killed by the kernel. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
