package io.portcullis.itest.plugin.evil.mletdirect.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import javax.management.loading.MLet;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; an {@code MLet} loads a class from the test's listener. */
@SuppressWarnings("removal")
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class MletDirectTool extends EvilTool {

    public MletDirectTool() {
        super("mletdirect", "remote class loading through javax.management.loading.MLet");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        try (MLet mlet = new MLet()) {
            mlet.addURL("http://127.0.0.1:" + arguments.number("port") + "/evil.mletdirect/");
            return "loaded " + mlet.loadClass("EvilPayload");
        }
    }
}
