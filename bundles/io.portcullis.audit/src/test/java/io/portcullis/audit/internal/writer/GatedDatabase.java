package io.portcullis.audit.internal.writer;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.SqlWork;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Database} the tests steer: it can throw instead of opening a transaction ({@link #failing})
 * or after the work, so that it rolls back ({@link #failingAfterWork}), or after a commit that happened
 * ({@link #failingAfterCommit}),
 * or hold each transaction after its work and before its commit until the test releases it
 * ({@link #hold}), telling the test when a transaction reached that point.
 */
final class GatedDatabase implements Database {

    private final Database delegate;
    volatile boolean failing;
    volatile boolean failingAfterWork;
    volatile boolean failingAfterCommit;
    private volatile CountDownLatch release = new CountDownLatch(0);
    private final Semaphore waiting = new Semaphore(0);

    GatedDatabase(Database delegate) {
        this.delegate = delegate;
    }

    /** From now on every transaction waits before its commit until {@link #release}. */
    void hold() {
        release = new CountDownLatch(1);
    }

    void release() {
        release.countDown();
    }

    /** Waits until a held transaction has done its work and waits to commit. */
    void awaitHeldCommit() throws InterruptedException {
        if (!waiting.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new AssertionError("no transaction reached its commit");
        }
    }

    @Override
    public Engine engine() {
        return delegate.engine();
    }

    @Override
    public <T> T inWorkspace(String workspaceId, SqlWork<T> work) throws SQLException {
        return delegate.inWorkspace(workspaceId, work);
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        if (failing) {
            throw new SQLException("database down (test)", "08006");
        }
        CountDownLatch gate = release;
        T committed = delegate.inTransaction(connection -> {
            T result = work.run(connection);
            if (failingAfterWork) {
                throw new SQLException("lost the connection before the commit (test)", "08006");
            }
            if (gate.getCount() > 0) {
                waiting.release();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted (test)");
                }
            }
            return result;
        });
        if (failingAfterCommit) {
            throw new SQLException("lost the connection while committing (test)", "08006");
        }
        return committed;
    }
}
