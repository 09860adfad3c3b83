package io.portcullis.audit.internal.writer;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditKeys;
import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.audit.internal.Witness;
import io.portcullis.store.Database;
import io.portcullis.store.DedicatedDatabase;
import io.portcullis.store.health.HealthCheck;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link AuditLog}: prepares each event on the caller's thread ({@link EventPreparer}: redaction,
 * arguments HMAC), queues it and waits until {@link WriterLoop} has committed its batch. The whole wait
 * (for room in the bounded queue, then for the commit) is bounded by {@code appendTimeoutMillis}; past
 * it the caller gets an {@link AuditUnavailableException} and must not act. If the writer had not taken
 * the append yet, it is skipped and nothing is recorded; if it had, its batch may still commit it, so
 * the log may hold a record of an attempt whose caller was refused (a record too many, never one too
 * few), and the writer logs which.
 *
 * <p>Also the {@code audit} {@link HealthCheck}: down while the last batch failed, while the queue is
 * more than 90% full, or once stopped. On deactivation it stops accepting, lets the writer finish what
 * is queued for at most {@code appendTimeoutMillis}, then refuses whatever is left.
 */
@Component(
        service = {AuditLog.class, HealthCheck.class},
        immediate = true,
        configurationPid = AuditConfig.PID)
@Designate(ocd = AuditConfig.class)
public final class AuditWriter implements AuditLog, HealthCheck {

    static final String NAME = "audit";

    /** Names the writer's dedicated connection in the store's logs. */
    static final String WRITER_CONNECTION = "audit-writer";

    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

    private final EventPreparer preparer;
    private final BlockingQueue<PendingAppend> queue;
    private final WriterLoop loop;
    private final Thread thread;
    private final Refusals refusals = new Refusals();
    private final WriterSettings settings;
    private final DedicatedDatabase connection;
    private final @Nullable Witness witness;
    private volatile boolean accepting = true;

    @Activate
    public AuditWriter(
            @Reference(target = "(portcullis.schema=audit)") Database database,
            @Reference(target = "(portcullis.role=redactor)") UnaryOperator<String> redactor,
            @Reference AuditKeys keys,
            AuditConfig config,
            BundleContext context) {
        this(
                database,
                redactor,
                keys,
                WriterSettings.from(config),
                Clock.systemUTC(),
                openWitness(Witness.file(context.getProperty(Witness.DATA_PROPERTY))));
    }

    AuditWriter(
            Database database, UnaryOperator<String> redactor, AuditKeys keys, WriterSettings settings, Clock clock) {
        this(database, redactor, keys, settings, clock, null);
    }

    /** @param witness where each committed batch's chain heads are synced before callers are answered */
    AuditWriter(
            Database database,
            UnaryOperator<String> redactor,
            AuditKeys keys,
            WriterSettings settings,
            Clock clock,
            @Nullable Witness witness) {
        this.settings = settings;
        this.preparer = new EventPreparer(redactor, keys);
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        // Its own connection: callers may append inside their transactions, holding every pooled one.
        this.connection = database.dedicated(WRITER_CONNECTION, 1);
        this.witness = witness;
        this.loop = new WriterLoop(queue, new BatchCommit(connection, clock), settings.maxBatch(), refusals, witness);
        this.thread = new Thread(loop, "portcullis-audit-writer");
        thread.setDaemon(true); // never holds the JVM: what it has not committed was not acknowledged
        thread.start();
        LOG.info(
                "Audit log writing on {} (batches of up to {}, queue of {}, appends wait up to {} ms)",
                database.engine(),
                settings.maxBatch(),
                settings.queueCapacity(),
                settings.appendTimeout().toMillis());
    }

    @Override
    public AuditRecord append(AuditEvent event) throws AuditUnavailableException {
        long deadline = System.nanoTime() + settings.appendTimeout().toNanos();
        Prepared prepared = preparer.prepare(event);
        if (!accepting) {
            refusals.add(prepared.chain());
            throw new AuditUnavailableException("audit: the log is stopped; nothing was recorded");
        }
        PendingAppend pending = new PendingAppend(prepared, refusals);
        boolean queued;
        try {
            queued = queue.offer(pending, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            queued = false;
        }
        if (!queued) {
            refusals.add(prepared.chain());
            throw new AuditUnavailableException("audit: the queue stayed full; nothing was recorded");
        }
        return pending.await(deadline - System.nanoTime());
    }

    @Override
    public boolean writable() {
        return problem() == null;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public @Nullable String problem() {
        if (!accepting) {
            return "audit log stopped";
        }
        if (!loop.alive()) {
            return "audit writer stopped";
        }
        String failure = loop.lastFailure();
        if (failure != null) {
            return "last batch failed: " + failure;
        }
        long queued = queue.size();
        if (queued * 10 > settings.queueCapacity() * 9L) {
            return "queue " + queued * 100 / settings.queueCapacity() + "% full";
        }
        return null;
    }

    /** Appends waiting for the writer (not those in the batch being committed). */
    int queued() {
        return queue.size();
    }

    @Deactivate
    void close() {
        accepting = false;
        loop.stop();
        try {
            thread.join(settings.appendTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            // Not interrupted: an interrupt inside H2's file I/O can close the database under everyone.
            loop.halt();
            LOG.warn(
                    "The audit writer did not finish its queue within {} ms; it stops after its current batch",
                    settings.appendTimeout().toMillis());
        }
        loop.failLeftovers();
        refusals.flush();
        if (!thread.isAlive()) { // else its batch still runs on them; the store closes them when it stops
            connection.close();
            closeWitness();
        }
    }

    private void closeWitness() {
        if (witness == null) {
            return;
        }
        try {
            witness.close();
        } catch (IOException e) {
            LOG.warn("The audit witness did not close cleanly", e);
        }
    }

    private static Witness openWitness(Path file) {
        try {
            return Witness.open(file);
        } catch (IOException e) {
            throw new IllegalStateException("audit: the witness file '" + file + "' cannot be opened: " + e, e);
        }
    }
}
