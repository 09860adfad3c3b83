package io.portcullis.launcher;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.MDC;

/**
 * A Logback context of its own with the redaction filter installed, a list of the events that
 * reached the appenders and the text a pattern appender wrote, stack traces included.
 */
final class LogFixture implements AutoCloseable {

    static final String CANARY = "canary-sk-7f3a9c";
    static final String MARKER = "[REDACTED:test]";

    /** Like the vault's: replaces what it knows, and returns the same instance when nothing matched. */
    static final UnaryOperator<String> FAKE_REDACTOR =
            text -> text.contains(CANARY) ? text.replace(CANARY, MARKER) : text;

    final LoggerContext context = new LoggerContext();
    final RedactingTurboFilter filter;
    private final ListAppender<ILoggingEvent> list = new ListAppender<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    LogFixture() {
        context.setName("test");
        context.setMDCAdapter(MDC.getMDCAdapter()); // org.slf4j.MDC writes to the process's adapter
        context.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger ws=%X{workspace_id:--} %msg%n%ex");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> text = new OutputStreamAppender<>();
        text.setContext(context);
        text.setEncoder(encoder);
        text.setOutputStream(bytes);
        text.start();
        list.setContext(context);
        list.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        root.addAppender(list);
        root.addAppender(text);
        filter = LogRedaction.install(context);
    }

    org.slf4j.Logger logger(String name) {
        return context.getLogger(name);
    }

    List<ILoggingEvent> events() {
        synchronized (list) {
            return List.copyOf(list.list);
        }
    }

    ILoggingEvent onlyEvent() {
        List<ILoggingEvent> events = events();
        if (events.size() != 1) {
            throw new AssertionError("expected one event, got " + events.size() + ": " + output());
        }
        return events.get(0);
    }

    /** Everything the pattern appender wrote. */
    String output() {
        synchronized (bytes) {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        context.stop();
        MDC.clear();
    }
}
