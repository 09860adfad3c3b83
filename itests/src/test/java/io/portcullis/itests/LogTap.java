package io.portcullis.itests;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import io.portcullis.launcher.LogRedaction;
import java.util.ArrayList;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.slf4j.LoggerFactory;

/**
 * Every log line of the framework while a test runs, as an appender sees it: level, logger, MDC,
 * message and stack trace. Installs the launcher's redaction filter first, as the server does, so
 * the tap sees exactly what the server's appenders would write. Needs the logback and launcher
 * packages on the framework's class path ({@link Provisioning#withLogTap}).
 */
final class LogTap extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final Logger root;
    private final AutoCloseable redaction;

    private LogTap(Logger root, AutoCloseable redaction) {
        this.root = root;
        this.redaction = redaction;
    }

    static LogTap install(BundleContext context) {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        AutoCloseable redaction = LogRedaction.attach(context.getBundle(0).getBundleContext());
        LogTap tap = new LogTap(logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME), redaction);
        tap.setContext(logging);
        tap.setName("log-tap");
        tap.start();
        tap.root.addAppender(tap);
        return tap;
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        lines.add(event.getLevel() + " " + event.getLoggerName() + " " + event.getMDCPropertyMap() + " "
                + event.getFormattedMessage()
                + (event.getThrowableProxy() == null
                        ? ""
                        : " " + ThrowableProxyUtil.asString(event.getThrowableProxy())));
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() throws Exception {
        root.detachAppender(this);
        stop();
        redaction.close();
    }
}
