package io.portcullis.host.testplugin;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

/** A tool the probe registers and unregisters by hand, to change the plugin's services after ready. */
public class ExtraTool implements Tool {

    private static @Nullable ServiceRegistration<Tool> registration;

    static synchronized String register() {
        if (registration == null) {
            registration = FrameworkUtil.getBundle(ExtraTool.class)
                    .getBundleContext()
                    .registerService(Tool.class, new ExtraTool(), null);
        }
        return "registered";
    }

    static synchronized String unregister() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        return "unregistered";
    }

    @Override
    public ToolDescriptor descriptor() {
        return new ToolDescriptor("test.extra", "1.0.0", "Registered later.", "{\"type\":\"object\"}", Risk.READ);
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) {
        return ToolResult.text("extra");
    }
}
