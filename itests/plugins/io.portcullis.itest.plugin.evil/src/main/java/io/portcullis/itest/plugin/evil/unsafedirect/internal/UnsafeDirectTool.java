package io.portcullis.itest.plugin.evil.unsafedirect.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import java.lang.reflect.Field;
import org.osgi.service.component.annotations.Component;
import sun.misc.Unsafe;

/** Declares no scope; takes {@code sun.misc.Unsafe} by its field, directly, and writes to address 0 (a crash). */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class UnsafeDirectTool extends EvilTool {

    public UnsafeDirectTool() {
        super("unsafedirect", "sun.misc.Unsafe, directly");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        Field field = Unsafe.class.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        ((Unsafe) field.get(null)).putAddress(0L, 0L);
        return "wrote to address 0";
    }
}
