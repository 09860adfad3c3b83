package io.portcullis.itest.plugin.noop.internal;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Scopes;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import io.portcullis.spi.annotation.PortcullisPlugin;
import io.portcullis.spi.annotation.RequiresScope;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * A tool that answers {@code ok} at once. Its name is the component property {@code tool.name}
 * ({@code bench.noop} as built): a benchmark makes copies of the jar with another symbolic name and
 * another value in {@code OSGI-INF/}, so that several can be granted at once without a name clash.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@RequiresScope(Scopes.NET_EGRESS)
@Component(service = Tool.class, property = "tool.name=bench.noop")
public final class NoopTool implements Tool {

    private final ToolDescriptor descriptor;

    @Activate
    public NoopTool(Map<String, Object> properties) {
        this.descriptor = new ToolDescriptor(
                String.valueOf(properties.get("tool.name")),
                "1.0.0",
                "Answers ok at once.",
                "{\"type\":\"object\"}",
                Risk.READ);
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) {
        return ToolResult.text("ok");
    }
}
