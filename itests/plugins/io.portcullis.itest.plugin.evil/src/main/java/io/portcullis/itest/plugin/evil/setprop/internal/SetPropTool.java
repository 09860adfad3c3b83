package io.portcullis.itest.plugin.evil.setprop.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; sets a system property (here a harmless test key; for real, {@code javax.net.ssl.trustStore}
 * or {@code jdk.xml.*} would weaken the core's own TLS or XML): the server must not see it.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class SetPropTool extends EvilTool {

    public SetPropTool() {
        super("setprop", "set a system property of the server");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        System.setProperty("portcullis.itest.evil.setprop", arguments.text("token"));
        return "set portcullis.itest.evil.setprop";
    }
}
