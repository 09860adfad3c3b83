package io.portcullis.models.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.models.ModelCall;
import io.portcullis.models.ModelRefusal;
import io.portcullis.models.ModelResult;
import io.portcullis.models.internal.gateway.Gateway;
import io.portcullis.models.internal.gateway.Providers;
import io.portcullis.models.internal.metering.Meter;
import io.portcullis.models.internal.profiles.ProfileStore;
import io.portcullis.models.testing.FakeEgress;
import io.portcullis.models.testing.FakePolicy;
import io.portcullis.models.testing.FakeProvider;
import io.portcullis.models.testing.FakeRedactor;
import io.portcullis.models.testing.RecordingSink;
import io.portcullis.spi.ModelProvider.Message;
import io.portcullis.spi.ModelProvider.ModelException;
import io.portcullis.spi.ModelProvider.Usage;
import io.portcullis.store.Jdbc;
import io.portcullis.store.testing.TestDatabase;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway over the real meter and profile store: what is charged, released and refused in the database. */
abstract class MeteredPathContract {

    static final String WS = "ws-a";
    static final String PLUGIN = "io.portcullis.model.fake";

    TestDatabase db;
    ProfileStore profiles;
    FakeProvider provider;
    RecordingAuditLog audit;
    ExecutorService executor;
    Gateway gateway;

    abstract TestDatabase database() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        db = database();
        profiles = new ProfileStore(db.database, Clock.systemUTC());
        provider = new FakeProvider();
        audit = new RecordingAuditLog();
        executor = Executors.newCachedThreadPool();
        Providers providers = new Providers();
        providers.add(provider, PLUGIN, () -> Optional.of(PLUGIN));
        Meter meter = MeterBinding.of(db.database).meter();
        gateway = new Gateway(
                profiles::byName,
                new FakePolicy(),
                providers,
                () -> meter,
                new FakeEgress(),
                new FakeRedactor(),
                audit,
                executor,
                ModelsSettings.DEFAULT,
                Clock.systemUTC());
        profile("paid", "paid-1");
        profile("free", "free-1");
        profile("unpriced", "mystery-1");
        price("paid-1", 1_000_000, 2_000_000);
        price("free-1", 0, 0);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    void profile(String name, String model) throws Exception {
        profiles.create(WS, new ProfileStore.Fields(name, PLUGIN, model, null, null, 100), () -> {});
    }

    void price(String model, long input, long output) throws Exception {
        db.tamper(
                "INSERT INTO models.model_prices (plugin_id, model, version, input_micros_per_million,"
                        + " output_micros_per_million, set_by, set_at) VALUES (?, ?, 1, ?, ?, 'admin', ?)",
                PLUGIN,
                model,
                input,
                output,
                Timestamp.from(Instant.now()));
    }

    void budget(long limitMicros) throws Exception {
        db.tamper(
                "INSERT INTO models.budgets (workspace_id, monthly_limit_micros, set_by, set_at) VALUES (?, ?, 'admin', ?)",
                WS,
                limitMicros,
                Timestamp.from(Instant.now()));
    }

    ModelCall call(String profile) {
        return new ModelCall(WS, profile, List.of(new Message("user", "hello")), List.of(), 50, "key-1", null, "req-1");
    }

    ModelRefusal refuse(String profile) {
        ModelRefusal refusal =
                catchThrowableOfType(() -> gateway.call(call(profile), new RecordingSink()), ModelRefusal.class);
        assertThat(refusal).as("refused").isNotNull();
        return refusal;
    }

    long count(String sql) throws Exception {
        return db.database.inWorkspace(
                WS,
                connection -> Jdbc.one(connection, rows -> rows.getLong(1), sql).orElseThrow());
    }

    @Test
    void anUnpricedModelIsRefusedAndNothingIsHeld() throws Exception {
        budget(1_000_000);
        assertThat(refuse("unpriced").kind()).isEqualTo(ModelRefusal.Kind.UNPRICED);
        assertThat(provider.requests).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM models.usage_reservations")).isZero();
    }

    @Test
    void withoutABudgetOnlyAFreeModelCanBeCalled() throws Exception {
        assertThat(refuse("paid").kind()).isEqualTo(ModelRefusal.Kind.BUDGET_EXHAUSTED);
        assertThat(provider.requests).isEmpty();

        ModelResult result = gateway.call(call("free"), new RecordingSink());

        assertThat(result.costMicros()).isZero();
        assertThat(result.usage()).isEqualTo(new Usage(12, 3));
        assertThat(count("SELECT COUNT(*) FROM models.usage_events")).isEqualTo(1);
    }

    @Test
    void aPaidCallIsChargedAtTheReportedUsage() throws Exception {
        budget(1_000_000);
        ModelResult result = gateway.call(call("paid"), new RecordingSink());
        // ceil(12 x 1.00 / 1e6 x 1e6) + ceil(3 x 2.00) micros
        assertThat(result.costMicros()).isEqualTo(12 + 6);
        assertThat(result.usageSource()).isEqualTo("provider");
        assertThat(count("SELECT COUNT(*) FROM models.usage_events WHERE id = '" + result.usageId() + "'"))
                .isEqualTo(1);
        assertThat(count("SELECT COALESCE(SUM(reserved_micros), 0) FROM models.budget_periods"))
                .isZero();
        assertThat(count("SELECT COALESCE(SUM(spent_micros), 0) FROM models.budget_periods"))
                .isEqualTo(18);
    }

    @Test
    void aFailedCallIsChargedTheEstimateAndARefusedOneIsReleased() throws Exception {
        budget(1_000_000);
        provider.script = (request, context, sink) -> {
            sink.text("half ");
            throw new ModelException("cut", 500, 0);
        };
        assertThat(refuse("paid").kind()).isEqualTo(ModelRefusal.Kind.PROVIDER_FAILED);
        assertThat(count("SELECT COUNT(*) FROM models.usage_events")).isEqualTo(1);

        provider.script = (request, context, sink) -> {
            throw new ModelException("slow down", 429, 5);
        };
        ModelRefusal limited = refuse("paid");
        assertThat(limited.kind()).isEqualTo(ModelRefusal.Kind.PROVIDER_RATE_LIMITED);
        assertThat(limited.retryAfterSeconds()).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM models.usage_events")).isEqualTo(1);
        assertThat(count("SELECT COALESCE(SUM(reserved_micros), 0) FROM models.budget_periods"))
                .isZero();
    }
}
