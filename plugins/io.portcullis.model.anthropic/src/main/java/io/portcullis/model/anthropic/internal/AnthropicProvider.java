package io.portcullis.model.anthropic.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.ModelProvider;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Component;

/**
 * {@code model.anthropic}: the Anthropic Messages API ({@code POST <base>/v1/messages}, header
 * {@code anthropic-version: 2023-06-01}) through the call's guarded {@link io.portcullis.spi.EgressClient}.
 *
 * <p>The key: a workspace credential of kind {@code api_key}, bound to this plugin, whose allowed hosts
 * name {@code api.anthropic.com}; the request names it by id ({@code credentialId}) and the guard
 * injects it as the header {@code X-API-Key} (the header Anthropic reads, names being case-insensitive)
 * after its checks, so this plugin never holds the key. Stateless and thread-safe.
 */
@Component(service = ModelProvider.class)
public final class AnthropicProvider implements ModelProvider {

    static final String NAME = "model.anthropic";
    private static final Descriptor DESCRIPTOR = new Descriptor(
            NAME,
            "1.0.0",
            List.of("claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1", "claude-3-5-haiku-latest"));

    private final ObjectMapper json = new ObjectMapper();
    private final MessagesRequests requests = new MessagesRequests(json);
    private final MessagesAnswers answers = new MessagesAnswers(json);

    @Override
    public Descriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Completion complete(CompletionRequest request, CallContext context) throws ModelException {
        ToolNames names = new ToolNames(request.tools());
        EgressResponse response;
        try {
            response = context.egress().send(request(request, names, context, false));
        } catch (EgressException e) {
            throw new ModelException("the request failed (" + e.reason().name().toLowerCase(Locale.ROOT) + "): "
                    + ProviderErrors.clean(String.valueOf(e.getMessage())));
        }
        if (response.status() < 200 || response.status() > 299) {
            throw ProviderErrors.error(json, response.status(), response.headers(), response.bodyText());
        }
        return answers.completion(response.bodyText(), names);
    }

    @Override
    public void stream(CompletionRequest request, CallContext context, CompletionSink sink) throws ModelException {
        ToolNames names = new ToolNames(request.tools());
        EventReader reader = new EventReader(json, names, sink);
        try {
            context.egress().stream(request(request, names, context, true), reader);
        } catch (EgressException e) {
            throw reader.broken(e);
        }
        reader.end();
    }

    private EgressRequest request(CompletionRequest request, ToolNames names, CallContext context, boolean stream)
            throws ModelException {
        EgressRequest egress = EgressRequest.post(
                        MessagesRequests.endpoint(request), requests.body(request, names, stream), "application/json")
                .withHeader("anthropic-version", MessagesRequests.VERSION)
                .withHeader("Accept", stream ? "text/event-stream" : "application/json");
        String credentialId = request.credentialId();
        if (credentialId == null) {
            return egress;
        }
        CredentialRef ref = context.credential(credentialId)
                .orElseThrow(() -> new ModelException("credential '" + MessagesRequests.clip(credentialId)
                        + "' is not bound to this plugin in this workspace"));
        return egress.withCredential(ref);
    }
}
