package io.portcullis.itest.plugin.evil.nativecode.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/** Declares no scope; its manifest carries {@code Bundle-NativeCode} (a library that would run outside every check). */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class NativeCodeTool extends EvilTool {

    public NativeCodeTool() {
        super("nativecode", "native code through Bundle-NativeCode");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        return "a bundle with native code runs";
    }
}
