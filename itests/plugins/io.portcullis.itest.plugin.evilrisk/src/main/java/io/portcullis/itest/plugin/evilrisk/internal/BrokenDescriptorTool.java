package io.portcullis.itest.plugin.evilrisk.internal;

import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/** A tool whose {@code descriptor()} throws an Error: the core must refuse it, and keep the others. */
@Component(service = Tool.class)
public final class BrokenDescriptorTool implements Tool {

    @Override
    public ToolDescriptor descriptor() {
        throw new StackOverflowError("evil descriptor");
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) {
        return ToolResult.text("never reached");
    }
}
