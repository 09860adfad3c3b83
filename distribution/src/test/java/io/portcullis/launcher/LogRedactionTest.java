package io.portcullis.launcher;

import static io.portcullis.launcher.LogFixture.CANARY;
import static io.portcullis.launcher.LogFixture.FAKE_REDACTOR;
import static io.portcullis.launcher.LogFixture.MARKER;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.MarkerFactory;

/** The filter holds whatever configures Logback: the built-in console, an admin's logback.xml, a rescan. */
class LogRedactionTest {

    /**
     * An admin's logback.xml: its own appender, and a turbo filter that lets a marker through at any
     * level, which would skip a redaction filter placed after it.
     */
    private static final String USER_CONFIG = """
            <configuration>
              <turboFilter class="ch.qos.logback.classic.turbo.MarkerFilter">
                <Marker>ALWAYS</Marker>
                <OnMatch>ACCEPT</OnMatch>
              </turboFilter>
              <appender name="LIST" class="ch.qos.logback.core.read.ListAppender"/>
              <root level="INFO"><appender-ref ref="LIST"/></root>
            </configuration>
            """;

    @TempDir
    Path config;

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stop() {
        context.stop();
    }

    @Test
    void anAdminsLogbackXmlStillGetsTheFilterFirst() throws Exception {
        Path file = writeUserConfig();
        configure(file);

        LogRedaction.install(context).use(FAKE_REDACTOR);
        Logger logger = context.getLogger("io.portcullis.test");
        logger.info("Key {}", CANARY);
        logger.info(MarkerFactory.getMarker("ALWAYS"), "Marked key {}", CANARY);

        assertThat(context.getTurboFilterList().get(0)).isInstanceOf(RedactingTurboFilter.class);
        assertThat(messages()).containsExactly("Key " + MARKER, "Marked key " + MARKER);
    }

    @Test
    void aReconfigurationKeepsTheFilter() throws Exception {
        Path file = writeUserConfig();
        configure(file);
        LogRedaction.install(context).use(FAKE_REDACTOR);

        // What scan="true" does on an edit: reset, then configure again from the file.
        context.reset();
        configure(file);
        context.getLogger("io.portcullis.test").info("Key {}", CANARY);

        assertThat(context.getTurboFilterList()).hasSize(2);
        assertThat(context.getTurboFilterList().get(0)).isInstanceOf(RedactingTurboFilter.class);
        assertThat(messages()).containsExactly("Key " + MARKER);
    }

    @Test
    void theBuiltInConsoleLoggingGetsTheFilter() {
        new ConsoleLogging().configure(context);
        RedactingTurboFilter filter = LogRedaction.install(context);
        ListAppender<ILoggingEvent> list = new ListAppender<>();
        list.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(list);
        filter.use(FAKE_REDACTOR);

        context.getLogger("io.portcullis.test").info("Key {}", CANARY);

        assertThat(context.getTurboFilterList()).containsExactly(filter);
        assertThat(list.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("Key " + MARKER);
    }

    private Path writeUserConfig() throws Exception {
        return Files.writeString(config.resolve("logback.xml"), USER_CONFIG);
    }

    private void configure(Path file) throws JoranException {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(file.toFile());
    }

    @SuppressWarnings("unchecked")
    private List<String> messages() {
        ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>)
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("LIST");
        return list.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}
