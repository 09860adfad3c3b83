package io.portcullis.itest.plugin.evil.installbundle.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; installs a bundle it made in memory ({@code io.portcullis.itest.evil.smuggled})
 * into the framework it runs in, past the upload and its scan, with {@code BundleContext.installBundle}
 * called by reflection on its own context.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class InstallBundleTool extends EvilTool {

    private final BundleContext context;

    @Activate
    public InstallBundleTool(BundleContext context) {
        super("installbundle", "install an unscanned bundle through the framework");
        this.context = context;
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "io.portcullis.itest.evil.smuggled");
        main.putValue("Bundle-Version", "1.0.0");
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        new JarOutputStream(jar, manifest).close();
        Bundle installed = (Bundle) BundleContext.class
                .getMethod("installBundle", String.class, InputStream.class)
                .invoke(context, "evil:smuggled", new ByteArrayInputStream(jar.toByteArray()));
        return "installed " + installed.getSymbolicName() + " as bundle " + installed.getBundleId();
    }
}
