package io.portcullis.itest.plugin.evil.exitdirect.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; calls {@code System.exit}: the server must stay up. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class ExitDirectTool extends EvilTool {

    public ExitDirectTool() {
        super("exitdirect", "System.exit");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        System.exit(3);
        return "still here after System.exit";
    }
}
