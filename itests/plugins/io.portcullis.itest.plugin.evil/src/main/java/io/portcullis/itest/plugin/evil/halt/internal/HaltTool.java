package io.portcullis.itest.plugin.evil.halt.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; {@code Runtime.halt} called by reflection: the server must stay up. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class HaltTool extends EvilTool {

    public HaltTool() {
        super("halt", "Runtime.halt through reflection");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Runtime.class.getMethod("halt", int.class).invoke(Runtime.getRuntime(), 137);
        return "still here after Runtime.halt";
    }
}
