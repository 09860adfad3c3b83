package io.portcullis.host.wire;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a link's notifications on its executor one at a time, in order of arrival, with a bounded
 * backlog: a peer flooding notifications faster than they are handled is a violation, not a leak.
 */
final class NotificationQueue {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationQueue.class);

    private final String name;
    private final Executor executor;
    private final int max;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean draining; // guarded by tasks

    NotificationQueue(String name, Executor executor, int max) {
        this.name = name;
        this.executor = executor;
        this.max = max;
    }

    /** Queues {@code task}; false when the backlog is full. */
    boolean add(Runnable task) {
        synchronized (tasks) {
            if (tasks.size() >= max) {
                return false;
            }
            tasks.add(task);
            if (draining) {
                return true;
            }
            draining = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (tasks) {
                draining = false;
                tasks.clear();
            }
            LOG.warn("Link '{}': notifications dropped, the executor refused them", name);
        }
        return true;
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (Throwable t) { // NOPMD: a handler never takes the link down
                LOG.warn(
                        "Link '{}': notification handler failed: {}",
                        name,
                        t.getClass().getName());
            }
        }
    }
}
