package io.portcullis.models.internal.gateway;

import static io.portcullis.models.internal.gateway.Gateway.millisSince;

import io.portcullis.audit.Actor;
import io.portcullis.hosts.HostCallException;
import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelRefusal.Kind;
import io.portcullis.models.ModelResult;
import io.portcullis.models.internal.gateway.Gateway.Refusal;
import io.portcullis.models.internal.metering.Meter;
import io.portcullis.models.internal.metering.Reservation;
import io.portcullis.models.internal.metering.Settlement;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.ModelProvider.CompletionRequest;
import io.portcullis.spi.ModelProvider.ModelException;
import io.portcullis.vault.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** One dispatched call: the provider on a provider thread, then settlement and its record. */
final class Dispatch {
    private final Supplier<Meter> meter;
    private final CallAudit audit;
    private final Redactor redactor;
    private final ExecutorService executor;
    private final int maxRetries;
    private final Clock clock;
    private final ModelCall call;
    private final Actor actor;
    private final CallAudit.Subject subject;
    private final Reservation hold;
    private final Assembler assembler;
    /** Whether the current attempt's task started (else it is given up while queued). */
    private AtomicBoolean started = new AtomicBoolean();

    Dispatch(
            ModelCall call,
            Actor actor,
            CallAudit.Subject subject,
            Reservation hold,
            Assembler assembler,
            Supplier<Meter> meter,
            CallAudit audit,
            Redactor redactor,
            ExecutorService executor,
            int maxRetries,
            Clock clock) {
        this.meter = meter;
        this.audit = audit;
        this.redactor = redactor;
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.clock = clock;
        this.call = call;
        this.actor = actor;
        this.subject = subject;
        this.hold = hold;
        this.assembler = assembler;
    }

    ModelResult run(ModelProvider provider, CompletionRequest request, CallContext context, Instant deadline)
            throws Refusal {
        long sent = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            AtomicBoolean attemptStarted = new AtomicBoolean();
            started = attemptStarted;
            Future<?> task;
            try {
                task = executor.submit(() -> {
                    if (!attemptStarted.compareAndSet(false, true)) {
                        return null; // given up while queued
                    }
                    provider.stream(request, context, assembler);
                    return null;
                });
            } catch (RejectedExecutionException e) {
                if (attempt > 0) {
                    throw settleFailed(Kind.PROVIDER_FAILED, "The provider failed, and no retry could start.", 0, sent);
                }
                return release(Kind.PROVIDER_UNAVAILABLE, "Too many model calls are in progress; try again.", sent);
            }
            try {
                return await(task, deadline, sent);
            } catch (Retry retry) {
                if (attempt >= maxRetries || !retry.fits(clock.instant(), deadline)) {
                    return failed(retry.getCause(), sent);
                }
                try {
                    Thread.sleep(retry.waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    assembler.close();
                    return cancelled(sent);
                }
            }
        }
    }

    /** How often a silent call asks whether its caller gave up ({@link CompletionSink#cancelled}). */
    private static final long CANCEL_POLL_MILLIS = 100;

    /**
     * Waits for the attempt until the deadline, asking the caller every {@value #CANCEL_POLL_MILLIS} ms
     * whether it gave up (then {@link CancellationException}): a cancel reaches a silent provider too.
     */
    private void waitFor(Future<?> task, Instant deadline)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            long left = Duration.between(clock.instant(), deadline).toMillis();
            try {
                task.get(Math.max(0, Math.min(left, CANCEL_POLL_MILLIS)), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException e) {
                if (left <= CANCEL_POLL_MILLIS) {
                    throw e;
                }
                if (assembler.cancelled()) {
                    throw new CancellationException("the caller gave up");
                }
            }
        }
    }

    /** Waits for one attempt; a retryable failure before any output is thrown as {@link Retry}. */
    private ModelResult await(Future<?> task, Instant deadline, long sent) throws Refusal, Retry {
        try {
            waitFor(task, deadline);
        } catch (TimeoutException e) {
            return stop(task, Kind.TIMEOUT, "The model call's deadline passed.", sent);
        } catch (InterruptedException | CancellationException e) {
            // The interrupt flag is set again only after the release or settlement below: a database
            // that writes files through a FileChannel (H2) closes it when a writing thread is interrupted.
            boolean interrupted = e instanceof InterruptedException;
            try {
                assembler.close();
                task.cancel(true);
                if (started.compareAndSet(false, true)) {
                    meter.get().release(call.workspaceId(), hold.id());
                    throw new CancellationException("the caller gave up before the call started");
                }
                return cancelled(sent);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (maxRetries > 0
                    && cause instanceof ModelException m
                    && (m.status() == 429 || m.status() >= 500)
                    && !assembler.reached()
                    && !assembler.cancelled()) {
                throw new Retry(m);
            }
            return failed(cause, sent);
        }
        try {
            assembler.drain(); // what was held back for a whole word
        } catch (CancellationException e) {
            // the client left at the end: cancelled() says so
        }
        assembler.close();
        if (assembler.cancelled()) {
            return cancelled(sent); // the client left, or the provider swallowed the sink's cancellation
        }
        long latency = millisSince(sent);
        Settlement charge = settle(latency);
        audit.invoked(
                call, actor, subject, "completed", 200, charge.usage(), charge.source(), charge.costMicros(), latency);
        return new ModelResult(
                assembler.completion(),
                charge.usage(),
                charge.source(),
                charge.costMicros(),
                charge.usageId(),
                latency);
    }

    /**
     * Settles at the reported usage (or the reservation's bound). When the meter fails, the call is
     * still on the record (without a cost) and the sweeper charges the reservation when it expires.
     */
    private Settlement settle(long latency) {
        try {
            return meter.get().settle(call.workspaceId(), hold.id(), assembler.usage(), latency);
        } catch (RuntimeException e) {
            audit.invoked(call, actor, subject, "settlement_failed", 500, assembler.usage(), "provider", 0, latency);
            throw e;
        }
    }

    private ModelResult stop(Future<?> task, Kind kind, String message, long sent) throws Refusal {
        assembler.close(); // first: whatever the provider tells once interrupted reaches nobody
        task.cancel(true);
        if (started.compareAndSet(false, true)) {
            return release(kind, message, sent); // still queued: never reached the provider
        }
        throw settleFailed(kind, message, 0, sent);
    }

    private ModelResult failed(@Nullable Throwable cause, long sent) throws Refusal {
        assembler.close();
        if (assembler.cancelled() || (cause instanceof CancellationException && !assembler.overflow())) {
            return cancelled(sent);
        }
        if (assembler.overflow()) {
            throw settleFailed(Kind.PROVIDER_FAILED, "The provider sent more than a completion may hold.", 0, sent);
        }
        if (cause instanceof ModelException m) {
            String message =
                    "The provider failed: " + redactor.redact(call.workspaceId(), String.valueOf(m.getMessage()));
            Kind kind = m.status() == 429 ? Kind.PROVIDER_RATE_LIMITED : Kind.PROVIDER_FAILED;
            if (m.status() >= 400 && m.status() < 500 && !assembler.reached()) {
                Refusal refusal = new Refusal(kind, message, m.retryAfterSeconds());
                meter.get().release(call.workspaceId(), hold.id());
                audit.invoked(call, actor, subject, outcome(kind), kind.status(), null, null, 0, millisSince(sent));
                throw mark(refusal);
            }
            throw settleFailed(kind, message, m.retryAfterSeconds(), sent);
        }
        if (cause instanceof HostCallException h) {
            throw settleFailed(Kind.PROVIDER_FAILED, String.valueOf(h.getMessage()), 0, sent);
        }
        String name = cause == null ? "unknown" : cause.getClass().getSimpleName();
        throw settleFailed(Kind.PROVIDER_FAILED, "The provider failed (" + name + ").", 0, sent);
    }

    private ModelResult cancelled(long sent) {
        long latency = millisSince(sent);
        Settlement charge = settle(latency);
        audit.invoked(
                call, actor, subject, "cancelled", 499, charge.usage(), charge.source(), charge.costMicros(), latency);
        throw new CancellationException("the caller cancelled the model call");
    }

    private Refusal settleFailed(Kind kind, String message, long retryAfter, long sent) {
        long latency = millisSince(sent);
        Settlement charge = settle(latency);
        audit.invoked(
                call,
                actor,
                subject,
                outcome(kind),
                kind.status(),
                charge.usage(),
                charge.source(),
                charge.costMicros(),
                latency);
        return mark(new Refusal(kind, message, retryAfter));
    }

    private ModelResult release(Kind kind, String message, long sent) throws Refusal {
        meter.get().release(call.workspaceId(), hold.id());
        throw new Refusal(kind, message, 0); // never dispatched: recorded as model.refused
    }

    /** A provider's 429 or 5xx before any output: worth another attempt after its Retry-After (or 250 ms). */
    private static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;
        final long waitMillis;

        Retry(ModelException cause) {
            super(cause);
            this.waitMillis = cause.retryAfterSeconds() > 0 ? cause.retryAfterSeconds() * 1000 : 250;
        }

        boolean fits(Instant now, Instant deadline) {
            return now.plusMillis(waitMillis).isBefore(deadline);
        }
    }

    private static Refusal mark(Refusal refusal) {
        refusal.dispatched = true;
        return refusal;
    }

    private static String outcome(Kind kind) {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
