package io.portcullis.itest.plugin.sleeper.internal;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/** Tool {@code itest.sleep}: sleeps {@code millis} (a plugin that hangs), then answers how long it slept. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class SleeperTool implements Tool {

    private static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "itest.sleep",
            "1.0.0",
            "Sleeps, then answers.",
            "{\"type\":\"object\",\"properties\":{\"millis\":{\"type\":\"integer\",\"minimum\":0}}}",
            Risk.READ);

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) throws ToolException {
        long millis = arguments.get("millis") instanceof Number n ? n.longValue() : 0;
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted");
        }
        return ToolResult.json("{\"slept\":" + millis + "}");
    }
}
