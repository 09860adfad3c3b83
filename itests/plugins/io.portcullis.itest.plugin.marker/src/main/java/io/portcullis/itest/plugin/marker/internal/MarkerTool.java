package io.portcullis.itest.plugin.marker.internal;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Scopes;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import io.portcullis.spi.annotation.PortcullisPlugin;
import io.portcullis.spi.annotation.RequiresScope;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Tool {@code itest.marker}. Loading this class sets the system property {@code portcullis.itest.marker}
 * to {@code loaded}: a test that finds the property unset knows no code of the plugin ran (the gate
 * refused to define its classes). A call reports, per class name in {@code classes}, how many service
 * references the plugin's own bundle context finds, which shows what the gate hides from it.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@RequiresScope(Scopes.NET_EGRESS)
@Component(immediate = true, service = Tool.class)
public final class MarkerTool implements Tool {

    /** The system property that proves this class was loaded and initialised. */
    public static final String LOADED_PROPERTY = "portcullis.itest.marker";

    private static final String SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"classes\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}";

    static {
        System.setProperty(LOADED_PROPERTY, "loaded");
    }

    private final BundleContext bundleContext;
    private final ToolDescriptor descriptor;

    /** Its own context, from Declarative Services: the gate refuses plugins that call Bundle.getBundleContext(). */
    @Activate
    public MarkerTool(BundleContext bundleContext) {
        this.bundleContext = bundleContext;
        this.descriptor = new ToolDescriptor(
                "itest.marker",
                bundleContext.getBundle().getVersion().toString(),
                "Counts the services the plugin can see, per class name.",
                SCHEMA,
                Risk.READ);
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) {
        StringBuilder json = new StringBuilder("{");
        Object classes = arguments.get("classes");
        if (classes instanceof List<?> names) {
            for (Object name : names) {
                if (json.length() > 1) {
                    json.append(',');
                }
                String className = String.valueOf(name);
                json.append('"').append(escape(className)).append("\":").append(visibleServices(className));
            }
        }
        if (json.length() > 1) {
            json.append(',');
        }
        // How many bundles this plugin's context can find: the gate shows a plugin itself and the system bundle.
        json.append("\"bundles\":").append(bundleContext.getBundles().length);
        return ToolResult.json(json.append('}').toString());
    }

    /** How many services registered under {@code className} this plugin's own context finds. */
    private int visibleServices(String className) {
        try {
            ServiceReference<?>[] refs =
                    bundleContext.getServiceReferences((String) null, "(objectClass=" + className + ")");
            return refs == null ? 0 : refs.length;
        } catch (InvalidSyntaxException e) {
            return 0;
        }
    }

    /** JSON string escaping for the characters a class name could smuggle in. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
