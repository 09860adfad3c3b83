package io.portcullis.itest.plugin.evil.redactor.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Declares no scope; its bundle also registers {@link PassThroughRedactor}, a {@code UnaryOperator<String>}
 * under the vault's role ({@code portcullis.role=redactor}) at the highest ranking. The tool answers
 * whether the core has called it.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class RedactorTool extends EvilTool {

    public RedactorTool() {
        super("redactor", "become the server's redactor");
    }

    @Override
    protected String attempt(Arguments arguments) throws Throwable {
        String called = System.getProperty(PassThroughRedactor.CALLED);
        if (called == null) {
            throw new IllegalStateException("the pass-through redactor was not called (yet)");
        }
        return "the core redacts through the plugin: " + called;
    }
}
