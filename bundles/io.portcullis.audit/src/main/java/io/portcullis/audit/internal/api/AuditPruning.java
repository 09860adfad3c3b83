package io.portcullis.audit.internal.api;

import io.portcullis.audit.AuditLog;
import io.portcullis.audit.AuditUnavailableException;
import io.portcullis.store.Database;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retention pruning on a daemon thread: shortly after start, then every hour. A run prunes every
 * chain that has a retention; a chain that fails is logged and retried at the next run, the others go
 * on. {@link #runOnce()} is the whole job, so tests call it without the scheduler.
 */
@Component(immediate = true)
public final class AuditPruning {

    private static final Logger LOG = LoggerFactory.getLogger(AuditPruning.class);

    static final Duration FIRST_RUN = Duration.ofMinutes(1);
    static final Duration PERIOD = Duration.ofHours(1);

    private final Retention retention;
    private final Pruner pruner;
    private final ScheduledExecutorService scheduler;

    @Activate
    public AuditPruning(@Reference(target = "(portcullis.schema=audit)") Database database, @Reference AuditLog log) {
        this(database, log, Clock.systemUTC());
        scheduler.scheduleWithFixedDelay(this::runOnce, FIRST_RUN.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Not scheduled: for tests, which call {@link #runOnce()}. */
    AuditPruning(Database database, AuditLog log, Clock clock) {
        this.retention = new Retention(database, clock);
        this.pruner = new Pruner(database, log, clock, Pruner.BATCH);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "portcullis-audit-pruning");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    /** Prunes every chain with a retention; never throws, or the scheduler would stop running it. */
    List<Pruner.Pruned> runOnce() {
        List<Retention.Rule> rules;
        try {
            rules = retention.all();
        } catch (SQLException | RuntimeException e) {
            LOG.error("Audit pruning could not read the retention settings; retrying in {}", PERIOD, e);
            return List.of();
        }
        return rules.stream().flatMap(rule -> prune(rule).stream()).toList();
    }

    private Optional<Pruner.Pruned> prune(Retention.Rule rule) {
        try {
            Optional<Pruner.Pruned> pruned = pruner.prune(rule.chain(), rule.days());
            pruned.ifPresent(p -> LOG.info(
                    "Pruned {} records of audit chain '{}' (sequences {}..{}), keeping {} days",
                    p.deleted(),
                    p.chain().id(),
                    p.first(),
                    p.last(),
                    rule.days()));
            return pruned;
        } catch (AuditUnavailableException e) {
            LOG.warn(
                    "Not pruning audit chain '{}': the prune could not be recorded ({})",
                    rule.chain().id(),
                    e.getMessage());
        } catch (SQLException | RuntimeException e) {
            LOG.error(
                    "Pruning audit chain '{}' failed; retrying in {}",
                    rule.chain().id(),
                    PERIOD,
                    e);
        }
        return Optional.empty();
    }
}
