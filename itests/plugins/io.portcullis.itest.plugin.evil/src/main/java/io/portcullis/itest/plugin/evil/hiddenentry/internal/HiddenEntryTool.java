package io.portcullis.itest.plugin.evil.hiddenentry.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; calls {@link Payload}, which reads the environment. The test uploads this jar
 * with {@code Payload.class} renamed to the directory-shaped {@code Payload.class/}: the JDK's zip
 * lookup still finds it for the class loader, and a scan that skips directories never read it.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class HiddenEntryTool extends EvilTool {

    public HiddenEntryTool() {
        super("hiddenentry", "class hidden under a directory-shaped jar entry");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        return "environment " + hex(Payload.environment());
    }
}
