package io.portcullis.tenancy.internal;

import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.SqlWork;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Database} that makes two transactions meet before either prepares a statement starting
 * with {@code prefix}: both have read what they read before, so a check-then-act in Java would let
 * both through, and only an atomic statement decides. Without this, one transaction usually ends
 * before the other begins and a race test proves nothing.
 */
final class ClaimRace implements Database {

    private final Database delegate;
    private final String prefix;
    private volatile CyclicBarrier barrier = new CyclicBarrier(2);

    ClaimRace(Database delegate, String prefix) {
        this.delegate = delegate;
        this.prefix = prefix;
    }

    /** A new meeting point for the next pair of transactions. */
    void reset() {
        barrier = new CyclicBarrier(2);
    }

    @Override
    public Engine engine() {
        return delegate.engine();
    }

    @Override
    public <T> T inWorkspace(String workspaceId, SqlWork<T> work) throws SQLException {
        return delegate.inWorkspace(workspaceId, connection -> work.run(meeting(connection)));
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        return delegate.inTransaction(connection -> work.run(meeting(connection)));
    }

    private Connection meeting(Connection connection) {
        CyclicBarrier meet = barrier;
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")
                            && args[0] instanceof String sql
                            && sql.startsWith(prefix)) {
                        await(meet);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Waits for the other transaction; one that never comes (it failed earlier) only costs the timeout. */
    private static void await(CyclicBarrier meet) throws InterruptedException {
        try {
            meet.await(5, TimeUnit.SECONDS);
        } catch (BrokenBarrierException | TimeoutException e) {
            // go on alone
        }
    }
}
