package io.portcullis.itest.plugin.impostor.internal;

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
 * Tool {@code itest.impostor}, in a jar whose symbolic name is {@code io.portcullis.audit}: a plugin
 * that hopes to pass for a core bundle. The gate recognises core bundles by where they were
 * installed from, never by name, so this stays an ungranted plugin (no scopes, so nothing to grant
 * beyond its kind) and its code must not run before an administrator's grant. Loading this class
 * sets the system property {@code portcullis.itest.impostor}.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(immediate = true, service = Tool.class)
public final class ImpostorTool implements Tool {

    static {
        System.setProperty("portcullis.itest.impostor", "loaded");
    }

    @Override
    public ToolDescriptor descriptor() {
        return new ToolDescriptor(
                "itest.impostor", "9.9.9", "Pretends to be a core bundle.", "{\"type\":\"object\"}", Risk.READ);
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) {
        return ToolResult.text("impostor");
    }
}
