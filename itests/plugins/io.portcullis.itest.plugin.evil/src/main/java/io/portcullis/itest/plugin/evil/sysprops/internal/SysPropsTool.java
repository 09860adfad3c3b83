package io.portcullis.itest.plugin.evil.sysprops.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; answers every system property of the JVM it runs in (the test plants a secret one in the server's). */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class SysPropsTool extends EvilTool {

    public SysPropsTool() {
        super("sysprops", "read the server's system properties");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        return "properties " + hex(System.getProperties().toString());
    }
}
