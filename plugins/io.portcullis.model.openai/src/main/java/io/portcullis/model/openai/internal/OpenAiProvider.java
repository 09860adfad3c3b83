package io.portcullis.model.openai.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.portcullis.spi.CallContext;
import io.portcullis.spi.CompletionSink;
import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.ModelProvider;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code model.openai}: OpenAI-compatible Chat Completions ({@code POST <base>/chat/completions}) for
 * OpenAI and the servers that speak its protocol (Ollama's {@code /v1}, vLLM, llama.cpp server, LM
 * Studio), through the call's guarded {@link io.portcullis.spi.EgressClient}.
 *
 * <p>The key: a workspace credential of kind {@code bearer_token}, bound to this plugin, whose allowed
 * hosts name the API's host; the request names it by id ({@code credentialId}) and the guard injects
 * {@code Authorization: Bearer <key>} after its checks, so this plugin never holds the key. A request
 * without a credential id sends none (local servers). Stateless and thread-safe.
 */
@Component(service = ModelProvider.class)
public final class OpenAiProvider implements ModelProvider {

    static final String NAME = "model.openai";
    private static final Descriptor DESCRIPTOR =
            new Descriptor(NAME, "1.0.0", List.of("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1"));

    private final ObjectMapper json = new ObjectMapper();
    private final ChatRequests requests = new ChatRequests(json);
    private final ChatAnswers answers = new ChatAnswers(json);

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
            throw new ModelException("the request failed ("
                    + e.reason().name().toLowerCase(java.util.Locale.ROOT) + "): "
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
        ChunkReader reader = new ChunkReader(json, names, sink);
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
                        ChatRequests.endpoint(request), requests.body(request, names, stream), "application/json")
                .withHeader("Accept", stream ? "text/event-stream" : "application/json");
        String credentialId = request.credentialId();
        if (credentialId == null) {
            return egress;
        }
        CredentialRef ref = context.credential(credentialId)
                .orElseThrow(() -> new ModelException("credential '" + ChatRequests.clip(credentialId)
                        + "' is not bound to this plugin in this workspace"));
        return egress.withCredential(ref);
    }
}
