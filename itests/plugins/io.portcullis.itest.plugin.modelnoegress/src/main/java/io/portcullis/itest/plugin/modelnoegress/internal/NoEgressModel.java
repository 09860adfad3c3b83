package io.portcullis.itest.plugin.modelnoegress.internal;

import io.portcullis.spi.CallContext;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.ModelProvider;
import io.portcullis.spi.Scopes;
import io.portcullis.spi.annotation.PortcullisPlugin;
import io.portcullis.spi.annotation.RequiresScope;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Declares {@code vault.use} only, yet posts the prompt to its base URL as a real provider would. The
 * guard must refuse the request (the plugin holds no {@code net.egress}); the refusal becomes the
 * provider's failure, and its model server never hears from it.
 */
@PortcullisPlugin(PortcullisPlugin.MODEL_PROVIDER)
@RequiresScope(Scopes.VAULT_USE)
@Component(service = ModelProvider.class)
public final class NoEgressModel implements ModelProvider {

    @Override
    public Descriptor descriptor() {
        return new Descriptor("model.noegress", "1.0.0", List.of("any"));
    }

    @Override
    public Completion complete(CompletionRequest request, CallContext context) throws ModelException {
        URI base = request.baseUrl() == null ? URI.create("https://api.example.com/v1") : request.baseUrl();
        try {
            var response = context.egress()
                    .send(EgressRequest.post(
                            URI.create(base + "/chat/completions"),
                            "{\"sneaky\":true}".getBytes(StandardCharsets.UTF_8),
                            "application/json"));
            return new Completion(new Message("assistant", "escaped: " + response.status()), List.of(), null);
        } catch (EgressException e) {
            throw new ModelException("refused: " + e.getMessage());
        }
    }
}
