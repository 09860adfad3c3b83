package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every live edit of a Portcullis configuration is one line: INFO when applied, WARN when refused. */
class ConfigurationLogTest {

    private static final String WEB = "io.portcullis.web";
    private static final String STORE = "io.portcullis.store";
    private static final String EGRESS = "io.portcullis.egress";

    private final Map<String, Dictionary<String, Object>> files = new HashMap<>();
    private final Map<String, String> failures = new HashMap<>();
    private final ConfigurationLog configurationLog = new ConfigurationLog(files::get, failures::get, false);

    @AfterEach
    void stop() {
        configurationLog.deactivate();
    }

    @Test
    void anAppliedEditIsOneInfoLineNamingThePidAndTheChangedProperties() {
        edit(WEB, "host", "127.0.0.1", "maxBodyBytes", 1024L, "felix.fileinstall.filename", "file:/a");
        configurationLog.seen(WEB);

        try (LogCapture log = new LogCapture(ConfigurationLog.class.getName())) {
            edit(
                    WEB,
                    "host",
                    "127.0.0.1",
                    "maxBodyBytes",
                    2048L,
                    "felix.fileinstall.filename",
                    "file:/b",
                    "requestBodyTimeoutSeconds",
                    5);
            configurationLog.settled(WEB);

            assertThat(log.lines())
                    .containsExactly("INFO Applied the new configuration of 'io.portcullis.web':"
                            + " maxBodyBytes, requestBodyTimeoutSeconds changed");
        }
    }

    @Test
    void valuesAreNeverLoggedOnlyNames() {
        edit(STORE, "url", "jdbc:postgresql://db/p", "password", "old-secret-value");
        configurationLog.seen(STORE);

        try (LogCapture log = new LogCapture(ConfigurationLog.class.getName())) {
            edit(STORE, "url", "jdbc:postgresql://db/p", "password", "new-secret-value");
            configurationLog.settled(STORE);

            assertThat(log.lines())
                    .containsExactly("INFO Applied the new configuration of 'io.portcullis.store': password changed");
            assertThat(String.join("\n", log.lines())).doesNotContain("secret-value", "jdbc:");
        }
    }

    @Test
    void aNewFileIsReportedWithAllItsNamesAndARemovedOneOnce() {
        try (LogCapture log = new LogCapture(ConfigurationLog.class.getName())) {
            edit(EGRESS, "maxRedirects", "3", "maxResponseBytes", "1000");
            configurationLog.settled(EGRESS);
            files.remove(EGRESS);
            configurationLog.settled(EGRESS);
            configurationLog.settled(EGRESS);

            assertThat(log.lines())
                    .containsExactly(
                            "INFO Applied the new configuration of 'io.portcullis.egress':"
                                    + " maxRedirects, maxResponseBytes changed",
                            "INFO Removed the configuration of 'io.portcullis.egress'");
        }
    }

    @Test
    void anEditThatChangesNothingIsNotReported() {
        edit(WEB, "maxBodyBytes", 1024L);
        configurationLog.seen(WEB);

        try (LogCapture log = new LogCapture(ConfigurationLog.class.getName())) {
            edit(WEB, "maxBodyBytes", 1024L, "felix.fileinstall.filename", "file:/touched");
            configurationLog.settled(WEB);

            assertThat(log.lines()).isEmpty();
        }
    }

    @Test
    void aFailedEditIsOneWarnLineWithTheReasonAndTheNextEditIsComparedWithTheLastApplied() {
        edit(EGRESS, "maxResponseBytes", "1000", "connectTimeoutMillis", "5000");
        configurationLog.seen(EGRESS);

        try (LogCapture log = new LogCapture(ConfigurationLog.class.getName())) {
            edit(EGRESS, "maxResponseBytes", "-5", "connectTimeoutMillis", "5000");
            failures.put(EGRESS, "maxResponseBytes of io.portcullis.egress must be 1..67108864, was -5");
            configurationLog.settled(EGRESS);

            edit(EGRESS, "maxResponseBytes", "1000", "connectTimeoutMillis", "3000");
            failures.clear();
            configurationLog.settled(EGRESS);

            assertThat(log.lines())
                    .containsExactly(
                            "WARN Refused the new configuration of 'io.portcullis.egress': maxResponseBytes of"
                                    + " io.portcullis.egress must be 1..67108864, was -5; its component is down until the file is"
                                    + " fixed",
                            "INFO Applied the new configuration of 'io.portcullis.egress': connectTimeoutMillis changed");
        }
    }

    @Test
    void aComponentThatRefusesAndKeepsRunningIsReportedOnceWithTheEdit() {
        edit(WEB, "maxBodyBytes", 1024L);
        configurationLog.seen(WEB);

        try (LogCapture log = new LogCapture(ConfigurationLog.class.getName())) {
            edit(WEB, "maxBodyBytes", 0L);
            ConfigurationLog.refused(WEB, "maxBodyBytes must be 1..67108864, was 0");
            configurationLog.settled(WEB);

            assertThat(log.lines())
                    .containsExactly("WARN Refused the new configuration of 'io.portcullis.web':"
                            + " maxBodyBytes must be 1..67108864, was 0; the previous settings stay in force");
        }
    }

    @Test
    void theReasonIsTheInnermostCauseOfTheActivationFailureOnOneLine() {
        String failure = """
                java.lang.reflect.InvocationTargetException
                \tat java.base/jdk.internal.reflect.NativeConstructorAccessorImpl.newInstance0(Native Method)
                Caused by: java.lang.IllegalStateException: wrapper
                \tat x.y(Z.java:1)
                Caused by: java.lang.IllegalArgumentException: maxResponseBytes must be 1..67108864, was -5
                \tat x.y(Z.java:2)
                """;

        assertThat(ComponentFailures.reason(failure)).isEqualTo("maxResponseBytes must be 1..67108864, was -5");
        assertThat(ComponentFailures.reason(null)).isEqualTo("the component failed to activate");
    }

    private void edit(String pid, Object... keysAndValues) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("service.pid", pid);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        files.put(pid, properties);
    }
}
