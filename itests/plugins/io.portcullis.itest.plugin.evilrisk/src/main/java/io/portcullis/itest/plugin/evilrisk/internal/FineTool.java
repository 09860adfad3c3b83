package io.portcullis.itest.plugin.evilrisk.internal;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/** Tool {@code itest.evil.fine}: well-behaved; a call with {@code "write": true} is a write (needs approval). */
@Component(service = Tool.class)
public final class FineTool implements Tool {

    private static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "itest.evil.fine", "1.0.0", "Answers fine; a write when asked to write.", RiskErrorTool.SCHEMA, Risk.WRITE);

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Risk risk(Map<String, @Nullable Object> arguments) {
        return Boolean.TRUE.equals(arguments.get("write")) ? Risk.WRITE : Risk.READ;
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) {
        return ToolResult.json("{\"fine\":true}");
    }
}
