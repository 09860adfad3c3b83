package io.portcullis.audit.internal.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.internal.Witness;
import io.portcullis.store.Database;
import io.portcullis.store.Engine;
import io.portcullis.store.internal.StoreTransactions;
import io.portcullis.store.testing.TestDatabase;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer commits on a connection of its own: callers that append inside their transactions, as
 * many as the pool has connections, cannot starve it. And every batch it answers is in the witness.
 */
class H2WriterConnectionTest {

    static final int POOL_SIZE = 3;

    @TempDir
    Path folder;

    @Test
    void asManyTransactionalAppendsAsPooledConnectionsAllCommit() throws Exception {
        TestDatabase db = TestDatabase.h2("audit");
        Database database =
                StoreTransactions.pooled(Engine.H2, new BoundedPool(db.dataSource, POOL_SIZE), db.dataSource);
        AuditWriter writer = new AuditWriter(
                database,
                WriterContract.REDACTOR,
                new TestKeys(),
                WriterSettings.of(3000, 100, 1000),
                Clock.systemUTC());
        ExecutorService callers = Executors.newFixedThreadPool(POOL_SIZE);
        try {
            CyclicBarrier everyConnectionTaken = new CyclicBarrier(POOL_SIZE);
            List<Future<AuditRecord>> appends = new ArrayList<>();
            for (int i = 0; i < POOL_SIZE; i++) {
                String reason = "in-transaction-" + i;
                appends.add(callers.submit(() -> database.inTransaction(connection -> {
                    await(everyConnectionTaken); // the pool is empty now
                    try {
                        return writer.append(WriterContract.event("ws_a", reason));
                    } catch (AuditUnavailableException e) {
                        throw new SQLException("refused: " + e.getMessage(), e);
                    }
                })));
            }
            for (Future<AuditRecord> append : appends) {
                assertThat(append.get(30, TimeUnit.SECONDS).chain()).isEqualTo("ws_a");
            }
            assertThat(StoredRecords.all(db.database)).hasSize(POOL_SIZE);
        } finally {
            callers.shutdownNow();
            writer.close();
        }
    }

    @Test
    void everyAnsweredBatchHasItsHeadsInTheWitness() throws Exception {
        TestDatabase db = TestDatabase.h2("audit");
        Path file = folder.resolve(Witness.FILE);
        AuditWriter writer = new AuditWriter(
                db.database,
                WriterContract.REDACTOR,
                new TestKeys(),
                WriterContract.DEFAULTS,
                Clock.systemUTC(),
                Witness.open(file));
        AuditRecord a1 = writer.append(WriterContract.event("ws_a", "1"));
        AuditRecord p1 = writer.append(WriterContract.event(null, "2"));
        AuditRecord a2 = writer.append(WriterContract.event("ws_a", "3"));
        writer.close();

        assertThat(Witness.read(file, "ws_a"))
                .containsExactly(
                        new Witness.Head("ws_a", a1.sequence(), a1.hash()),
                        new Witness.Head("ws_a", a2.sequence(), a2.hash()));
        assertThat(Witness.read(file, p1.chain()))
                .containsExactly(new Witness.Head(p1.chain(), p1.sequence(), p1.hash()));
    }

    private static void await(CyclicBarrier barrier) throws SQLException {
        try {
            barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new SQLException("the callers did not all start", e);
        }
    }

    /** A pool of {@code size} connections: a borrower waits up to 10 s (HikariCP's default here), then fails. */
    private static final class BoundedPool implements DataSource {

        private final DataSource connections;
        private final Semaphore free;

        BoundedPool(DataSource connections, int size) {
            this.connections = connections;
            this.free = new Semaphore(size);
        }

        @Override
        public Connection getConnection() throws SQLException {
            try {
                if (!free.tryAcquire(10, TimeUnit.SECONDS)) {
                    throw new SQLTransientConnectionException("pool exhausted (test)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("interrupted (test)");
            }
            Connection connection = connections.getConnection();
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            free.release();
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return new PrintWriter(System.err);
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
