package io.portcullis.web.internal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what one logger (and its children) writes, for assertions on log lines. */
final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    /** Formatted messages, with the level in front: {@code "WARN Refused ..."}. */
    List<String> lines() {
        return events().stream()
                .map(e -> e.getLevel() + " " + e.getFormattedMessage())
                .toList();
    }

    List<ILoggingEvent> events() {
        synchronized (appender) { // AppenderBase appends while holding the appender's lock
            return List.copyOf(appender.list);
        }
    }

    /**
     * Waits up to five seconds for {@code count} lines. The request log line is written once the
     * response is complete, so a client can read the response before the line exists.
     */
    LogCapture awaitLines(int count) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (events().size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return this;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
