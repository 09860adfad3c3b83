package io.portcullis.itest.plugin.evilrisk.internal;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/** Tool {@code itest.evil.risk_error}: its {@code risk()} throws a {@link StackOverflowError}. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class RiskErrorTool implements Tool {

    static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"write\":{\"type\":\"boolean\"}}}";

    private static final ToolDescriptor DESCRIPTOR =
            new ToolDescriptor("itest.evil.risk_error", "1.0.0", "Its risk() throws an Error.", SCHEMA, Risk.READ);

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Risk risk(Map<String, @Nullable Object> arguments) {
        throw new StackOverflowError("evil risk");
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) {
        return ToolResult.text("never reached");
    }
}
