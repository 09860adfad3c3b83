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
 * Tool {@code record.delete} (risk destructive): "deletes" a record. It changes nothing; the audit log's
 * {@code tool.invoke} record of the call is what shows that it ran.
 */
@Component(service = Tool.class)
public final class RecordDeleteTool implements Tool {

    private static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "record.delete",
            "1.0.0",
            "Deletes a record for good.",
            "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"],"
                    + "\"additionalProperties\":false}",
            Risk.DESTRUCTIVE);

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) {
        return ToolResult.json("{\"deleted\":true}");
    }
}
