package io.portcullis.launcher;

import static io.portcullis.launcher.LogFixture.CANARY;
import static io.portcullis.launcher.LogFixture.FAKE_REDACTOR;
import static io.portcullis.launcher.LogFixture.MARKER;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.turbo.MarkerFilter;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/** Every way a secret reaches a log line, redacted; every other line untouched. */
class RedactingTurboFilterTest {

    private final LogFixture log = new LogFixture();
    private final Logger logger = log.logger("io.portcullis.test.Subject");

    @AfterEach
    void close() {
        log.close();
    }

    @Test
    void aSecretInTheFormatStringIsRedactedOnTheSameLoggerAndLevel() {
        log.filter.use(FAKE_REDACTOR);

        logger.warn("Calling with key " + CANARY);

        ILoggingEvent event = log.onlyEvent();
        assertThat(event.getFormattedMessage()).isEqualTo("Calling with key " + MARKER);
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(event.getLoggerName()).isEqualTo("io.portcullis.test.Subject");
        assertThat(event.getThreadName()).isEqualTo(Thread.currentThread().getName());
        assertThat(log.output()).doesNotContain(CANARY).contains("WARN io.portcullis.test.Subject", MARKER);
    }

    @Test
    void aSecretInAParameterIsRedactedAndTheOtherParametersKept() {
        log.filter.use(FAKE_REDACTOR);

        logger.info("Tool '{}' called with {} ({} bytes)", "http", CANARY, 42);

        assertThat(log.onlyEvent().getFormattedMessage())
                .isEqualTo("Tool 'http' called with " + MARKER + " (42 bytes)");
        assertThat(log.output()).doesNotContain(CANARY);
    }

    @Test
    void aSecretInAnExceptionMessageIsRedactedAndItsClassAndFramesKept() {
        log.filter.use(FAKE_REDACTOR);
        IllegalStateException failure = new IllegalStateException("rejected key " + CANARY);

        logger.error("Call '{}' failed", "c-1", failure);

        ILoggingEvent event = log.onlyEvent();
        assertThat(event.getFormattedMessage()).isEqualTo("Call 'c-1' failed");
        IThrowableProxy proxy = event.getThrowableProxy();
        assertThat(proxy.getClassName()).isEqualTo(IllegalStateException.class.getName());
        assertThat(proxy.getMessage()).isEqualTo("rejected key " + MARKER);
        assertThat(Arrays.stream(proxy.getStackTraceElementProxyArray()).map(p -> p.getStackTraceElement()))
                .containsExactly(failure.getStackTrace());
        assertThat(log.output())
                .doesNotContain(CANARY)
                .contains("java.lang.IllegalStateException: rejected key " + MARKER)
                .contains("at " + getClass().getName()
                        + ".aSecretInAnExceptionMessageIsRedactedAndItsClassAndFramesKept(");
    }

    @Test
    void aSecretInACauseIsRedacted() {
        log.filter.use(FAKE_REDACTOR);
        RuntimeException failure = new RuntimeException("outer", new IOException("upstream said " + CANARY));

        logger.warn("Upstream failed", failure);

        IThrowableProxy proxy = log.onlyEvent().getThrowableProxy();
        assertThat(proxy.getMessage()).isEqualTo("outer");
        assertThat(proxy.getCause().getClassName()).isEqualTo(IOException.class.getName());
        assertThat(proxy.getCause().getMessage()).isEqualTo("upstream said " + MARKER);
        assertThat(log.output())
                .doesNotContain(CANARY)
                .contains("Caused by: java.io.IOException: upstream said " + MARKER);
    }

    @Test
    void aSecretInASuppressedExceptionIsRedacted() {
        log.filter.use(FAKE_REDACTOR);
        RuntimeException failure = new RuntimeException("closing failed");
        failure.addSuppressed(new IllegalArgumentException("bad token " + CANARY));

        logger.error("Shutdown of '{}' failed", "ws-1", failure);

        IThrowableProxy proxy = log.onlyEvent().getThrowableProxy();
        assertThat(proxy.getSuppressed()).hasSize(1);
        assertThat(proxy.getSuppressed()[0].getMessage()).isEqualTo("bad token " + MARKER);
        assertThat(log.output())
                .doesNotContain(CANARY)
                .contains("Suppressed: java.lang.IllegalArgumentException: bad token " + MARKER);
    }

    @Test
    void aCycleOfCausesEndsAndIsRedacted() {
        log.filter.use(FAKE_REDACTOR);
        RuntimeException first = new RuntimeException("first " + CANARY);
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);

        logger.error("Cyclic", first);

        assertThat(log.onlyEvent().getThrowableProxy().getMessage()).isEqualTo("first " + MARKER);
        assertThat(log.output()).doesNotContain(CANARY);
    }

    @Test
    void theMdcMarkerAndCallerOfTheOriginalAreKept() {
        log.filter.use(FAKE_REDACTOR);
        Marker audit = MarkerFactory.getMarker("AUDIT");
        MDC.put("workspace_id", "ws-42");

        logger.info(audit, "Secret {}", CANARY);

        ILoggingEvent event = log.onlyEvent();
        assertThat(event.getMDCPropertyMap()).containsEntry("workspace_id", "ws-42");
        assertThat(event.getMarkerList()).containsExactly(audit);
        assertThat(event.getCallerData()[0].getClassName()).isEqualTo(getClass().getName());
        assertThat(event.getCallerData()[0].getMethodName()).isEqualTo("theMdcMarkerAndCallerOfTheOriginalAreKept");
        assertThat(log.output()).contains("ws=ws-42 Secret " + MARKER);
    }

    @Test
    void aLineWithoutSecretsIsLoggedUnchangedExactlyOnce() {
        log.filter.use(FAKE_REDACTOR);
        IllegalStateException failure = new IllegalStateException("nothing to hide");

        logger.info("Workspace '{}' created", "ws-1");
        logger.warn("Call failed", failure);

        assertThat(log.events()).hasSize(2);
        ILoggingEvent first = log.events().get(0);
        assertThat(first).isNotInstanceOf(RedactedLoggingEvent.class);
        assertThat(first.getFormattedMessage()).isEqualTo("Workspace 'ws-1' created");
        assertThat(first.getArgumentArray()).containsExactly("ws-1");
        assertThat(log.events().get(1)).isNotInstanceOf(RedactedLoggingEvent.class);
        assertThat(log.events().get(1).getThrowableProxy().getMessage()).isEqualTo("nothing to hide");
    }

    @Test
    void withoutARedactorEverythingPassesAsBefore() {
        logger.info("Key {}", CANARY);

        assertThat(log.onlyEvent()).isNotInstanceOf(RedactedLoggingEvent.class);
        assertThat(log.output()).contains("Key " + CANARY);
    }

    @Test
    void aWithdrawnRedactorStopsRedacting() {
        log.filter.use(FAKE_REDACTOR);
        logger.info("Key {}", CANARY);
        log.filter.use(null);
        logger.info("Key {}", CANARY);

        assertThat(log.events())
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Key " + MARKER, "Key " + CANARY);
    }

    @Test
    void aFailingRedactorWithholdsTheLineInsteadOfWritingIt() {
        log.filter.use(text -> {
            throw new IllegalStateException("cannot redact " + text);
        });

        logger.warn("Key {}", CANARY, new RuntimeException(CANARY));

        ILoggingEvent event = log.onlyEvent();
        assertThat(event.getFormattedMessage()).isEqualTo(RedactingTurboFilter.WITHHELD);
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(event.getLoggerName()).isEqualTo("io.portcullis.test.Subject");
        assertThat(event.getThrowableProxy()).isNull();
        assertThat(log.output()).doesNotContain(CANARY, "cannot redact");
    }

    @Test
    void aRedactorAnsweringNullCountsAsFailing() {
        log.filter.use(text -> null);

        logger.info("Key {}", CANARY);

        assertThat(log.onlyEvent().getFormattedMessage()).isEqualTo(RedactingTurboFilter.WITHHELD);
    }

    @Test
    void aLineLoggedByTheRedactorItselfIsWithheldNotLooped() {
        Logger inner = log.logger("io.portcullis.vault.Inner");
        log.filter.use(text -> {
            inner.info("redacting {}", text);
            return FAKE_REDACTOR.apply(text);
        });

        logger.info("Key {}", CANARY);

        assertThat(log.events())
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly(RedactingTurboFilter.WITHHELD_NESTED, "Key " + MARKER);
        assertThat(log.output()).doesNotContain(CANARY);
    }

    @Test
    void levelChecksAreAnsweredWithoutCallingTheRedactor() {
        AtomicInteger calls = new AtomicInteger();
        log.filter.use(text -> {
            calls.incrementAndGet();
            return FAKE_REDACTOR.apply(text);
        });

        assertThat(logger.isInfoEnabled()).isTrue();
        assertThat(logger.isDebugEnabled()).isFalse();
        logger.debug("Below the level: {}", CANARY);

        assertThat(calls).hasValue(0);
        assertThat(log.events()).isEmpty();
    }

    @Test
    void anEventAnotherTurboFilterAcceptsBelowTheLevelIsRedactedToo() {
        MarkerFilter always = new MarkerFilter();
        always.setMarker("ALWAYS");
        always.setOnMatch("ACCEPT");
        always.setContext(log.context);
        always.start();
        log.context.addTurboFilter(always);
        log.filter.use(FAKE_REDACTOR);

        logger.debug(MarkerFactory.getMarker("ALWAYS"), "Debug key {}", CANARY);

        ILoggingEvent event = log.onlyEvent();
        assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(event.getFormattedMessage()).isEqualTo("Debug key " + MARKER);
    }

    @Test
    void aRedactedMessageIsNotFormattedAgain() {
        log.filter.use(FAKE_REDACTOR);

        logger.info("Literal braces {} and {}", CANARY, "{}");

        assertThat(log.onlyEvent().getFormattedMessage()).isEqualTo("Literal braces " + MARKER + " and {}");
    }
}
