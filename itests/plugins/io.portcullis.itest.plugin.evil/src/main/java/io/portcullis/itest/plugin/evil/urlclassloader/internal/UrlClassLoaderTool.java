package io.portcullis.itest.plugin.evil.urlclassloader.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.net.URL;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; a {@code URLClassLoader} made by a constant class name loads a class from the test's listener. */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class UrlClassLoaderTool extends EvilTool {

    public UrlClassLoaderTool() {
        super("urlclassloader", "remote class loading through a URLClassLoader made by reflection");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        URL[] urls = {new URL("http://127.0.0.1:" + arguments.number("port") + "/evil.urlclassloader/")};
        ClassLoader loader = (ClassLoader) Class.forName("java.net.URLClassLoader")
                .getConstructor(URL[].class)
                .newInstance((Object) urls);
        return "loaded " + loader.loadClass("EvilPayload");
    }
}
