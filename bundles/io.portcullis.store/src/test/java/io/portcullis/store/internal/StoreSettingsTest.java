package io.portcullis.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portcullis.store.Engine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

    private static final Path DATA = Path.of("/srv/portcullis/data");
    private static final String SECRET = "hunter2-secret";

    @Test
    void defaultsToEmbeddedH2InTheDataFolder() throws Exception {
        StoreSettings settings = StoreSettings.from(TestConfig.defaults(), Map.of(), DATA);

        assertThat(settings.engine()).isEqualTo(Engine.H2);
        assertThat(settings.url())
                .startsWith("jdbc:h2:file:/srv/portcullis/data/db/portcullis;")
                .contains("AUTO_SERVER=FALSE", "LOCK_TIMEOUT=10000", "DATABASE_TO_LOWER=TRUE", "WRITE_DELAY=0");
        assertThat(settings.h2Folder()).isEqualTo(DATA.resolve("db"));
        assertThat(settings.user()).isEqualTo("sa");
        assertThat(settings.maxPoolSize()).isEqualTo(10);
    }

    @Test
    void aValueOfTheWrongTypeIsNamedNotQuoted() throws Exception {
        // DS converts a configured "lots" for an int attribute only when it is read, and throws then.
        TestConfig config = TestConfig.defaults();
        StoreConfig unconvertible = new StoreConfig() {
            @Override
            public String url() {
                return "";
            }

            @Override
            public String user() {
                return "";
            }

            @Override
            public String password() {
                return "";
            }

            @Override
            public int maxPoolSize() {
                throw new IllegalArgumentException("For input string: \"lots\"");
            }

            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return StoreConfig.class;
            }
        };

        assertThat(StoreSettings.from(config, Map.of(), DATA).maxPoolSize()).isEqualTo(10);
        assertThatThrownBy(() -> StoreSettings.from(unconvertible, Map.of(), DATA))
                .isInstanceOf(StoreException.class)
                .hasMessage("maxPoolSize of io.portcullis.store has a value of the wrong type");
    }

    @Test
    void relativeDataFoldersAreMadeAbsolute() throws Exception {
        StoreSettings settings = StoreSettings.from(TestConfig.defaults(), Map.of(), Path.of("data"));

        assertThat(settings.h2Folder()).isAbsolute();
        assertThat(settings.url()).startsWith("jdbc:h2:file:" + Path.of("data").toAbsolutePath());
    }

    @Test
    void picksTheEngineFromTheConfiguredUrl() throws Exception {
        TestConfig config = new TestConfig("jdbc:postgresql://db:5432/portcullis", "app", SECRET, 20);

        StoreSettings settings = StoreSettings.from(config, Map.of(), DATA);

        assertThat(settings.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(settings.h2Folder()).isNull();
        assertThat(settings.user()).isEqualTo("app");
        assertThat(settings.password()).isEqualTo(SECRET);
        assertThat(settings.maxPoolSize()).isEqualTo(20);
    }

    @Test
    void environmentWinsOverConfiguration() throws Exception {
        TestConfig config = new TestConfig("jdbc:h2:mem:configured", "configured", "configured", 10);
        Map<String, String> env = Map.of(
                "PORTCULLIS_DB_URL", "jdbc:postgresql://db/portcullis",
                "PORTCULLIS_DB_USER", "env-user",
                "PORTCULLIS_DB_PASSWORD", SECRET);

        StoreSettings settings = StoreSettings.from(config, env, DATA);

        assertThat(settings.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db/portcullis");
        assertThat(settings.user()).isEqualTo("env-user");
        assertThat(settings.password()).isEqualTo(SECRET);
    }

    @Test
    void blankEnvironmentVariablesDoNotOverride() throws Exception {
        TestConfig config = new TestConfig("jdbc:postgresql://db/portcullis", "app", SECRET, 10);
        Map<String, String> env =
                Map.of("PORTCULLIS_DB_URL", " ", "PORTCULLIS_DB_USER", "", "PORTCULLIS_DB_PASSWORD", "");

        StoreSettings settings = StoreSettings.from(config, env, DATA);

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db/portcullis");
        assertThat(settings.user()).isEqualTo("app");
        assertThat(settings.password()).isEqualTo(SECRET);
    }

    @Test
    void anUnknownUrlNamesTheVariableButNotThePassword() {
        Map<String, String> env =
                Map.of("PORTCULLIS_DB_URL", "jdbc:mysql://admin:" + SECRET + "@db/x?password=" + SECRET);

        assertThatThrownBy(() -> StoreSettings.from(TestConfig.defaults(), env, DATA))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("PORTCULLIS_DB_URL must start with jdbc:h2: or jdbc:postgresql:")
                .hasMessageContaining("jdbc:mysql://***@db/x?password=***")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining("admin");
    }

    @Test
    void anUnknownConfiguredUrlNamesTheProperty() {
        TestConfig config = new TestConfig("postgres://db/x", "", "", 10);

        assertThatThrownBy(() -> StoreSettings.from(config, Map.of(), DATA))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("url of io.portcullis.store must start with");
    }

    @Test
    void poolSizeMustBePositiveAndBounded() {
        assertThatThrownBy(() -> StoreSettings.from(new TestConfig("", "", "", 0), Map.of(), DATA))
                .hasMessage("maxPoolSize of io.portcullis.store must be 1..1000, was 0");
        assertThatThrownBy(() -> StoreSettings.from(new TestConfig("", "", "", 1001), Map.of(), DATA))
                .hasMessageContaining("was 1001");
    }

    @Test
    void toStringHidesThePasswordEverywhere() throws Exception {
        TestConfig config =
                new TestConfig("jdbc:postgresql://u:" + SECRET + "@db/x?sslpassword=" + SECRET, "u", SECRET, 10);

        StoreSettings settings = StoreSettings.from(config, Map.of(), DATA);

        assertThat(settings.toString()).doesNotContain(SECRET).contains("jdbc:postgresql://***@db/x?sslpassword=***");
        assertThat(settings.safeUrl()).doesNotContain(SECRET);
    }

    @Test
    void redactsH2PasswordParameters() {
        assertThat(JdbcUrls.redact(
                        "jdbc:h2:file:/x;USER=sa;PASSWORD=" + SECRET + ";CIPHER=AES;FILE_PASSWORD=" + SECRET))
                .isEqualTo("jdbc:h2:file:/x;USER=sa;PASSWORD=***;CIPHER=AES;FILE_PASSWORD=***");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/x?user=a&password=" + SECRET + "&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/x?user=a&password=***&ssl=true");
    }

    @Test
    void oneLineMasksAnEchoedSecret() {
        assertThat(JdbcUrls.oneLine("FATAL: bad\n  password " + SECRET + "\r\n", SECRET))
                .isEqualTo("FATAL: bad password ***");
    }
}
