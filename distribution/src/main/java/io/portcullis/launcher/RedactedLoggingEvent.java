package io.portcullis.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.CallerData;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;

/**
 * The redacted copy of an event, built on the thread that logged the original so that thread name
 * and MDC are the original's. Carries a redacted exception view and finds the caller (for
 * {@code %line} or {@code %method} in a custom pattern) past the redaction frames.
 */
final class RedactedLoggingEvent extends LoggingEvent {

    private static final String LOGGER_CLASS = Logger.class.getName();

    /**
     * Frames that belong to logging, not to the caller (name prefixes). The redaction's own frames
     * sit above the first of them, where the search has not started yet.
     */
    private static final List<String> LOGGING_FRAMES =
            List.of("ch.qos.logback.", "org.slf4j.", "org.apache.commons.logging.");

    private final LoggerContext context;
    private final IThrowableProxy throwableProxy;
    private final Throwable origin = new Throwable(); // the logging call's stack, for caller data

    RedactedLoggingEvent(Logger logger, Level level, Marker marker, String message, IThrowableProxy throwableProxy) {
        super(LOGGER_CLASS, logger, level, message, null, null);
        if (marker != null) {
            addMarker(marker);
        }
        this.context = logger.getLoggerContext();
        this.throwableProxy = throwableProxy;
    }

    @Override
    public IThrowableProxy getThrowableProxy() {
        return throwableProxy;
    }

    @Override
    public StackTraceElement[] getCallerData() {
        if (!hasCallerData()) {
            List<String> frames = new ArrayList<>(LOGGING_FRAMES);
            frames.addAll(context.getFrameworkPackages());
            setCallerData(CallerData.extract(origin, LOGGER_CLASS, context.getMaxCallerDataDepth(), frames));
        }
        return super.getCallerData();
    }
}
