package io.portcullis.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Keeps secrets out of every appender: an event whose message or exception text the vault's
 * redactor changes is denied and logged again, on the same logger, level, marker and thread (so
 * with the same MDC), with the redacted message and a redacted copy of the exception (same class
 * names and frames). An event the redactor leaves alone passes untouched; without a redactor
 * (before the vault is up, or after it stopped) every event passes as before. A failing redactor
 * fails closed: the line is replaced by {@value #WITHHELD}, never written as it was.
 *
 * <p>Not covered, by design or by Logback: text a bundle prints to {@code System.out} or
 * {@code System.err} itself; the key-value pairs of SLF4J 2's fluent API and the MDC values, which
 * carry ids only by convention; and events built with SLF4J 2's fluent API at all, because Logback
 * hands those to the appenders without asking the turbo filters (only {@code atInfo()} asks them,
 * without a message). Portcullis code uses the classic {@code log.info("...", args)} calls.
 */
public final class RedactingTurboFilter extends TurboFilter {

    /** Replaces a line the redactor could not check. */
    public static final String WITHHELD = "[log line withheld: redactor failed]";

    /** Replaces a line logged from inside the redactor, which cannot check its own lines. */
    static final String WITHHELD_NESTED = "[log line withheld: logged while redacting]";

    private enum Phase {
        REDACTING,
        RELOGGING
    }

    private final ThreadLocal<Phase> phase = new ThreadLocal<>();
    private volatile UnaryOperator<String> redactor; // null: no redactor registered

    /** Starts or stops redaction; {@code null} when the redactor service goes away. */
    public void use(UnaryOperator<String> redactor) {
        this.redactor = redactor;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        UnaryOperator<String> current = redactor;
        Phase now = phase.get();
        if (current == null || now == Phase.RELOGGING || (format == null && params == null && t == null)) {
            return FilterReply.NEUTRAL; // nothing to check, an is-enabled query, or our own redacted line
        }
        if (!mayBeLogged(logger, level)) {
            return FilterReply.NEUTRAL;
        }
        if (now == Phase.REDACTING) {
            relogQuietly(logger, marker, level, WITHHELD_NESTED, null);
            return FilterReply.DENY;
        }
        phase.set(Phase.REDACTING);
        try {
            return redact(current, marker, logger, level, format, params, t);
        } catch (RuntimeException | Error e) {
            // Fail closed. Only the class: the exception's message may quote the text.
            addWarn("The redactor failed with " + e.getClass().getName() + "; a log line was withheld");
            relogQuietly(logger, marker, level, WITHHELD, null);
            return FilterReply.DENY;
        } finally {
            phase.remove();
        }
    }

    /**
     * The logger's level, checked directly (asking {@code logger.isXxxEnabled()} would re-enter the
     * turbo filters). Another turbo filter may ACCEPT an event below the level, so with others
     * configured every event is checked.
     */
    private static boolean mayBeLogged(Logger logger, Level level) {
        return level.isGreaterOrEqual(logger.getEffectiveLevel())
                || logger.getLoggerContext().getTurboFilterList().size() > 1;
    }

    private FilterReply redact(
            UnaryOperator<String> current,
            Marker marker,
            Logger logger,
            Level level,
            String format,
            Object[] params,
            Throwable t) {
        Throwable thrown = t;
        Object[] args = params;
        // As Logback does: a Throwable as the last argument, without an explicit one, is the exception.
        if (thrown == null && args != null && args.length > 0 && args[args.length - 1] instanceof Throwable last) {
            thrown = last;
            args = Arrays.copyOf(args, args.length - 1);
        }
        String message = args == null
                ? format
                : MessageFormatter.arrayFormat(format, args).getMessage();
        String redacted = message == null ? null : apply(current, message);
        boolean changed = differs(message, redacted) || (thrown != null && ThrowableTexts.anyChanged(thrown, current));
        if (!changed) {
            return FilterReply.NEUTRAL;
        }
        IThrowableProxy proxy = thrown == null ? null : RedactedThrowableProxy.of(proxyOf(logger, thrown), current);
        relog(logger, marker, level, redacted, proxy);
        return FilterReply.DENY;
    }

    /** The redactor's answer, which must not be null. */
    static String apply(UnaryOperator<String> redactor, String text) {
        return Objects.requireNonNull(redactor.apply(text), "the redactor returned null");
    }

    /** The redactor returns the same instance when nothing matched; equal text counts as unchanged too. */
    static boolean differs(String original, String redacted) {
        return original != redacted && !Objects.equals(original, redacted);
    }

    private static ThrowableProxy proxyOf(Logger logger, Throwable thrown) {
        ThrowableProxy proxy = new ThrowableProxy(thrown);
        if (logger.getLoggerContext().isPackagingDataEnabled()) {
            proxy.calculatePackagingData();
        }
        return proxy;
    }

    /** Logs {@code message} on this thread through the rest of the turbo filters, as Logback would. */
    private void relog(Logger logger, Marker marker, Level level, String message, IThrowableProxy proxy) {
        Phase previous = phase.get();
        phase.set(Phase.RELOGGING);
        try {
            FilterReply reply = logger.getLoggerContext()
                    .getTurboFilterList()
                    .getTurboFilterChainDecision(marker, logger, level, message, null, null);
            boolean enabled = reply == FilterReply.ACCEPT
                    || (reply == FilterReply.NEUTRAL && level.isGreaterOrEqual(logger.getEffectiveLevel()));
            if (enabled) {
                logger.callAppenders(new RedactedLoggingEvent(logger, level, marker, message, proxy));
            }
        } finally {
            if (previous == null) {
                phase.remove();
            } else {
                phase.set(previous);
            }
        }
    }

    private void relogQuietly(Logger logger, Marker marker, Level level, String message, IThrowableProxy proxy) {
        try {
            relog(logger, marker, level, message, proxy);
        } catch (RuntimeException e) {
            addWarn("Could not write a withheld-line notice: " + e.getClass().getName());
        }
    }
}
