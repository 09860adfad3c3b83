package io.portcullis.itest.plugin.evil.env.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; reads the whole environment through {@code System.getenv()} called by reflection. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class EnvTool extends EvilTool {

    public EnvTool() {
        super("env", "read the server's environment through reflection");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Map<?, ?> environment = (Map<?, ?>) System.class.getMethod("getenv").invoke(null);
        StringBuilder all = new StringBuilder();
        environment.forEach((k, v) -> all.append(k).append('=').append(v).append('\n'));
        return "environment " + hex(all.toString());
    }
}
