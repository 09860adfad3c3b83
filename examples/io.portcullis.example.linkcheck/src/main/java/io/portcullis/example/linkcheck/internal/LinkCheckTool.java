package io.portcullis.example.linkcheck.internal;

import io.portcullis.spi.CredentialRef;
import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressRequest;
import io.portcullis.spi.EgressResponse;
import io.portcullis.spi.Risk;
import io.portcullis.spi.Scopes;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import io.portcullis.spi.annotation.PortcullisPlugin;
import io.portcullis.spi.annotation.RequiresScope;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/**
 * Tool {@code example.link-check}: does a {@code GET} of a URL and says whether it answered with a
 * status below 400. It reaches the network only through the server's egress client ({@code
 * net.egress}), and can sign the request with a workspace credential it receives as a handle ({@code
 * vault.use}): the value is injected by the server and never passes through this class.
 *
 * <p>Stateless, so safe on many threads at once; it blocks only inside {@code egress().send}, which
 * returns or fails by the call's deadline.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@RequiresScope(Scopes.NET_EGRESS)
@RequiresScope(Scopes.VAULT_USE)
@Component(service = Tool.class)
public final class LinkCheckTool implements Tool {

    /** JSON Schema (draft 2020-12) of the arguments; the server validates every call against it. */
    static final String INPUT_SCHEMA = """
            {"type":"object",\
            "properties":{\
            "url":{"type":"string","format":"uri","description":"The http or https URL to check."},\
            "credential":{"type":"string","description":"Id of a workspace credential bound to this plugin."}},\
            "required":["url"],\
            "additionalProperties":false}""";

    private static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "example.link-check",
            "1.0.0",
            "Checks whether a URL answers: fetches it and reports the HTTP status and whether it is below 400.",
            INPUT_SCHEMA,
            Risk.READ);

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) throws ToolException {
        URI url = url(arguments.get("url"));
        EgressRequest request = EgressRequest.get(url);
        if (arguments.get("credential") instanceof String credentialId) {
            request = request.withCredential(credential(credentialId, context));
        }
        try {
            EgressResponse response = context.egress().send(request);
            return ToolResult.json(result(url, response.status()));
        } catch (EgressException e) {
            // The guard's message names no secret; say which kind of failure it was.
            throw new ToolException(
                    "Link check failed (" + e.reason().name().toLowerCase(Locale.ROOT) + "): " + e.getMessage(), e);
        }
    }

    /** The argument as an absolute http(s) URI; the schema's "format" is advisory, so check it here. */
    private static URI url(@Nullable Object value) throws ToolException {
        if (!(value instanceof String text)) {
            throw new ToolException("Argument 'url' is required and must be a string.");
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new ToolException("Argument 'url' must be an absolute http or https URL.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ToolException("Argument 'url' is not a valid URL.");
        }
    }

    /**
     * The handle of credential {@code id}. Empty when it does not exist, belongs to another workspace
     * or is not bound to this plugin; checking unsigned instead would hide that mistake from the caller.
     */
    private static CredentialRef credential(String id, ToolContext context) throws ToolException {
        Optional<CredentialRef> ref = context.credential(id);
        if (ref.isEmpty()) {
            throw new ToolException("Credential '" + id + "' is not bound to this plugin in this workspace.");
        }
        return ref.get();
    }

    /** {@code {"url":...,"status":...,"ok":...}}, built by hand: the plugin needs no JSON library. */
    static String result(URI url, int status) {
        return "{\"url\":" + JsonText.string(url.toString()) + ",\"status\":" + status + ",\"ok\":" + (status < 400)
                + "}";
    }
}
