package io.portcullis.itest.plugin.evil.unsafe.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; takes {@code sun.misc.Unsafe} by a constant class name, opens its field with
 * {@code setAccessible} called by reflection, and writes to address 0: the JVM it runs in crashes.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class UnsafeTool extends EvilTool {

    public UnsafeTool() {
        super("unsafe", "sun.misc.Unsafe through reflection, then a wild write");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Class<?> type = Class.forName("sun.misc.Unsafe", true, ClassLoader.getSystemClassLoader());
        Field field = type.getDeclaredField("theUnsafe");
        AccessibleObject.class.getMethod("setAccessible", boolean.class).invoke(field, true);
        type.getMethod("putAddress", long.class, long.class).invoke(field.get(null), 0L, 0L);
        return "wrote to address 0 and lived";
    }
}
