package io.portcullis.itest.plugin.getenv.internal;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/**
 * Tool {@code itest.getenv}: declares no scope at all, yet reads the server's environment, where
 * the master key and database password may live. No grant can allow that, so the install-time scan
 * must reject the jar, naming {@code java.lang.System.getenv} in {@link #home()}. If any of this code
 * ever runs, the system property {@code portcullis.itest.getenv} says so.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(immediate = true, service = Tool.class)
public final class GetenvTool implements Tool {

    static {
        System.setProperty("portcullis.itest.getenv", "loaded");
    }

    @Override
    public ToolDescriptor descriptor() {
        return new ToolDescriptor(
                "itest.getenv", "1.0.0", "Reads an environment variable.", "{\"type\":\"object\"}", Risk.READ);
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) {
        return ToolResult.text(home() == null ? "unset" : "set");
    }

    /** The call the scan must find. */
    static @Nullable String home() {
        return System.getenv("HOME");
    }
}
