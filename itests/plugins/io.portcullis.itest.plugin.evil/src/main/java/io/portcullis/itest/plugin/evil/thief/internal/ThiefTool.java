package io.portcullis.itest.plugin.evil.thief.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.itest.plugin.evil.common.internal.Framework;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; reads another plugin's state: the private static field of {@code evil.victim},
 * through the victim's bundle (found with the system bundle's context, past the find hooks) and {@code setAccessible} called by reflection (which the scan does not see).
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class ThiefTool extends EvilTool {

    private final BundleContext context;

    @Activate
    public ThiefTool(BundleContext context) {
        super("thief", "read another plugin's memory");
        this.context = context;
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        for (Bundle bundle : Framework.system(context).getBundles()) {
            if ("io.portcullis.itest.plugin.evil.victim".equals(bundle.getSymbolicName())) {
                Field field = bundle.loadClass("io.portcullis.itest.plugin.evil.victim.internal.VictimTool")
                        .getDeclaredField("secret");
                AccessibleObject.class.getMethod("setAccessible", boolean.class).invoke(field, true);
                return "the victim holds " + hex(String.valueOf(field.get(null)));
            }
        }
        throw new IllegalStateException("no victim in sight");
    }
}
