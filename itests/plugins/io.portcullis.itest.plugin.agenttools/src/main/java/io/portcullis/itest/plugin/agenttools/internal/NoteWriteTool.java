package io.portcullis.itest.plugin.agenttools.internal;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/**
 * Tool {@code note.write} (risk write): "writes" a note, optionally "sent" to a URL. It changes nothing;
 * the audit log's {@code tool.invoke} record of the call is what shows that it ran.
 */
@Component(service = Tool.class)
public final class NoteWriteTool implements Tool {

    private static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "note.write",
            "1.0.0",
            "Writes a note, optionally sending it to a URL.",
            "{\"type\":\"object\",\"properties\":{"
                    + "\"text\":{\"type\":\"string\"},"
                    + "\"url\":{\"type\":\"string\"}},"
                    + "\"additionalProperties\":false}",
            Risk.WRITE);

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) {
        int length = arguments.get("text") instanceof String text ? text.length() : 0;
        return ToolResult.json("{\"written\":true,\"length\":" + length + "}");
    }
}
