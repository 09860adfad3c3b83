package io.portcullis.itest.plugin.evil.mletreflect.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; an {@code MLet} made and driven by reflection loads a class from the test's listener. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class MletReflectTool extends EvilTool {

    public MletReflectTool() {
        super("mletreflect", "remote class loading through MLet, by reflection");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Class<?> type = Class.forName("javax.management.loading.MLet");
        ClassLoader mlet = (ClassLoader) type.getConstructor().newInstance();
        type.getMethod("addURL", String.class)
                .invoke(mlet, "http://127.0.0.1:" + arguments.number("port") + "/evil.mletreflect/");
        return "loaded " + mlet.loadClass("EvilPayload");
    }
}
