package io.portcullis.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.classic.spi.TurboFilterList;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@link RedactingTurboFilter} in front of Logback whatever configured it: the built-in
 * {@link ConsoleLogging} or an admin's {@code config/logback.xml}. Added after the configuration,
 * first in the turbo filter list (a filter before it that answers ACCEPT would skip it), and added
 * again whenever the context is reset, as a logback.xml with {@code scan="true"} does on each edit.
 */
public final class LogRedaction implements LoggerContextListener {

    static final String FILTER_NAME = "portcullis-redaction";

    private final RedactingTurboFilter filter;

    private LogRedaction(RedactingTurboFilter filter) {
        this.filter = filter;
    }

    /** Installs the filter in the process's Logback context; null if SLF4J is not bound to Logback. */
    static RedactingTurboFilter installInProcess() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof LoggerContext context ? install(context) : null;
    }

    /**
     * The server's filter in this process, fed by the redactor of the framework whose system bundle
     * context is given: for tests that run a framework in-process (Pax Exam) and must log exactly as
     * the server does. Closing removes the filter and stops tracking.
     */
    public static AutoCloseable attach(BundleContext systemContext) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        RedactingTurboFilter filter = install(context);
        ServiceTracker<Object, Object> tracker = RedactorTracker.open(systemContext, filter::use);
        return () -> {
            tracker.close();
            context.getCopyOfListenerList().stream()
                    .filter(listener -> listener instanceof LogRedaction redaction && redaction.filter == filter)
                    .forEach(context::removeListener);
            context.getTurboFilterList().remove(filter);
        };
    }

    static RedactingTurboFilter install(LoggerContext context) {
        RedactingTurboFilter filter = new RedactingTurboFilter();
        filter.setName(FILTER_NAME);
        filter.setContext(context);
        context.addListener(new LogRedaction(filter));
        putFirst(context, filter);
        return filter;
    }

    private static void putFirst(LoggerContext context, RedactingTurboFilter filter) {
        filter.start();
        TurboFilterList filters = context.getTurboFilterList();
        filters.remove(filter);
        filters.add(0, filter);
    }

    /** Survives resets: it is what re-adds the filter after one. */
    @Override
    public boolean isResetResistant() {
        return true;
    }

    /** A reset has just removed every turbo filter (and appender); the new configuration follows. */
    @Override
    public void onReset(LoggerContext context) {
        putFirst(context, filter);
    }

    @Override
    public void onStart(LoggerContext context) {
        // nothing: the filter is in place from install on
    }

    @Override
    public void onStop(LoggerContext context) {
        // nothing: a stopped context logs no more
    }

    @Override
    public void onLevelChange(Logger logger, Level level) {
        // nothing: levels are read per event
    }
}
