package io.portcullis.itest.plugin.agenttools.internal;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/**
 * Tool {@code page.read} (risk read): answers the text of a page, as a web reader would. {@code id} names
 * one of the injection suite's pages (packed into this jar from the tests' {@code injections/} folder);
 * {@code text} (or {@code text_b64}, its UTF-8 in base64) is answered as it is; {@code url} is answered
 * with an empty page (this plugin has no network). Whatever it answers is untrusted content to the core.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class PageReadTool implements Tool {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "page.read",
            "1.0.0",
            "Reads a page and answers its text.",
            "{\"type\":\"object\",\"properties\":{"
                    + "\"id\":{\"type\":\"string\",\"maxLength\":64},"
                    + "\"text\":{\"type\":\"string\"},"
                    + "\"text_b64\":{\"type\":\"string\"},"
                    + "\"url\":{\"type\":\"string\"}},"
                    + "\"additionalProperties\":false}",
            Risk.READ);

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) throws ToolException {
        if (arguments.get("id") instanceof String id) {
            return ToolResult.text(page(id));
        }
        if (arguments.get("text") instanceof String text) {
            return ToolResult.text(text);
        }
        if (arguments.get("text_b64") instanceof String encoded) {
            try {
                return ToolResult.text(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ToolException("text_b64 is not base64");
            }
        }
        if (arguments.get("url") instanceof String) {
            return ToolResult.text("(an empty page)");
        }
        throw new ToolException("name a page: id, text, text_b64 or url");
    }

    private static String page(String id) throws ToolException {
        if (!ID.matcher(id).matches()) {
            throw new ToolException("no such page");
        }
        try (InputStream in = PageReadTool.class.getResourceAsStream("/injections/" + id + ".txt")) {
            if (in == null) {
                throw new ToolException("no such page: " + id);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToolException("page " + id + " unreadable");
        }
    }
}
