package io.portcullis.models.internal.gateway;

import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.testing.RecordingAuditLog;
import io.portcullis.models.ModelCall;
import io.portcullis.models.internal.ModelsSettings;
import io.portcullis.models.internal.profiles.Profile;
import io.portcullis.models.testing.FakeEgress;
import io.portcullis.models.testing.FakeMeter;
import io.portcullis.models.testing.FakePolicy;
import io.portcullis.models.testing.FakeProvider;
import io.portcullis.models.testing.FakeRedactor;
import io.portcullis.spi.ModelProvider.Message;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/** A gateway with fakes around it: one profile {@value #PROFILE} of plugin {@value #PLUGIN} in {@value #WS}. */
public final class GatewayHarness implements AutoCloseable {

    public static final String WS = "ws-a";
    public static final String OTHER_WS = "ws-b";
    public static final String PLUGIN = "io.portcullis.model.fake";
    public static final String PROFILE = "default";
    public static final String CREDENTIAL = "0123456789abcdef01234567";
    public static final URI BASE_URL = URI.create("https://llm.example.com/v1");

    public final FakePolicy policy = new FakePolicy();
    public final FakeMeter meter = new FakeMeter();
    public final FakeEgress egress = new FakeEgress();
    public final FakeRedactor redactor = new FakeRedactor();
    public final RecordingAuditLog audit = new RecordingAuditLog();
    public final FakeProvider provider = new FakeProvider();
    public final Providers providers = new Providers();
    public final AtomicBoolean pluginActive = new AtomicBoolean(true);
    public final Map<String, Profile> profiles = new ConcurrentHashMap<>();
    public final ExecutorService executor = Executors.newCachedThreadPool();
    public final Gateway gateway;

    public GatewayHarness() {
        this(Duration.ofSeconds(30));
    }

    public GatewayHarness(Duration timeout) {
        this(timeout, 0);
    }

    public GatewayHarness(Duration timeout, int maxRetries) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        profiles.put(
                WS + "/" + PROFILE,
                new Profile(
                        "aaaaaaaaaaaaaaaaaaaaaaaa",
                        WS,
                        PROFILE,
                        PLUGIN,
                        "fake-1",
                        CREDENTIAL,
                        BASE_URL,
                        100,
                        now,
                        now));
        providers.add(provider, PLUGIN, () -> pluginActive.get() ? Optional.of(PLUGIN) : Optional.empty());
        gateway = new Gateway(
                (workspaceId, name) -> Optional.ofNullable(profiles.get(workspaceId + "/" + name)),
                policy,
                providers,
                () -> meter,
                egress,
                redactor,
                audit,
                executor,
                new ModelsSettings(timeout, 8, 8, true, maxRetries, Duration.ofMinutes(1)),
                Clock.systemUTC());
    }

    public static ModelCall call(String... userMessages) {
        return call(
                WS,
                List.of(userMessages).stream().map(m -> new Message("user", m)).toList());
    }

    public static ModelCall call(String workspaceId, List<Message> messages) {
        return new ModelCall(workspaceId, PROFILE, messages, List.of(), null, "key-1", null, "req-1");
    }

    public List<AuditEvent> records(String action) {
        return audit.events.stream().filter(e -> e.action().equals(action)).toList();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
