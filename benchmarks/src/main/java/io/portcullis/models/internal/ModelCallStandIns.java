package io.portcullis.models.internal;

import io.portcullis.egress.CallScope;
import io.portcullis.egress.Egress;
import io.portcullis.egress.EgressRules;
import io.portcullis.policy.Decision;
import io.portcullis.policy.PluginPolicy;
import io.portcullis.policy.WorkspacePolicy;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressClient;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.Risk;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.Bundle;

/**
 * What {@link ModelCallsBenchmark} puts in place of the parts of a model call it does not measure: a
 * provider that answers at once, a sink that drops what it hears, the policy's answer from memory and a
 * call context without a network.
 */
final class ModelCallStandIns {

    private ModelCallStandIns() {}

    /** Answers at once: one delta, usage, finish. */
    static final class InstantProvider implements ModelProvider {
        @Override
        public Descriptor descriptor() {
            return new Descriptor("bench", "1", List.of("bench-1"));
        }

        @Override
        public Completion complete(CompletionRequest request, CallContext context) {
            return new Completion(new Message("assistant", "Paris."), List.of(), new Usage(12, 3), "stop");
        }
    }

    static final class NullSink implements CompletionSink {
        @Override
        public void text(String delta) {}

        @Override
        public void toolCallStart(int index, String id, String name) {}

        @Override
        public void toolCallArguments(int index, String fragment) {}

        @Override
        public void toolCall(int index, ModelProvider.ToolCall call) {}

        @Override
        public void usage(ModelProvider.Usage usage) {}

        @Override
        public void finish(String reason) {}
    }

    /** The policy's answer from memory, as its snapshot gives it: every plugin allowed. */
    static final class AllowingPolicy implements PluginPolicy {
        @Override
        public Decision decide(String pluginId, String workspaceId, Risk risk) {
            return Decision.ALLOW;
        }

        @Override
        public boolean holds(String pluginId, String scope) {
            return true;
        }

        @Override
        public boolean declares(String pluginId, String scope) {
            return true;
        }

        @Override
        public WorkspacePolicy workspacePolicy(String workspaceId) {
            return WorkspacePolicy.DEFAULT;
        }

        @Override
        public Optional<String> activePlugin(Bundle bundle) {
            return Optional.empty();
        }
    }

    /** A call context as a plain object; the provider never uses the network. */
    static final class PlainEgress implements Egress {
        @Override
        public EgressClient client(CallScope scope) {
            return request -> {
                throw new EgressException(EgressException.Reason.REFUSED, "benchmark: no network");
            };
        }

        @Override
        public void check(URI url, EgressRules rules) {}

        @Override
        public void check(URI url, EgressRules rules, String pluginId) {}

        @Override
        public CallContext context(CallScope scope) {
            Instant deadline = scope == null ? Instant.now().plusSeconds(60) : scope.deadline();
            return new CallContext() {
                @Override
                public String workspaceId() {
                    return ModelCallsBenchmark.WS;
                }

                @Override
                public Instant deadline() {
                    return deadline;
                }

                @Override
                public EgressClient egress() {
                    return client(scope);
                }

                @Override
                public Optional<CredentialRef> credential(String credentialId) {
                    return Optional.empty();
                }
            };
        }
    }
}
