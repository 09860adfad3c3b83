package io.portcullis.itest.plugin.evil.victim.internal;

import io.portcullis.itest.plugin.evil.common.internal.EvilTool;
import io.portcullis.spi.Tool;
import io.portcullis.spi.annotation.PortcullisPlugin;
import org.osgi.service.component.annotations.Component;

/**
 * Not an attacker: the well-behaved plugin whose state {@code evil.thief} tries to read. It keeps the
 * last {@code token} it was given in a private static field.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@Component(service = Tool.class)
public final class VictimTool extends EvilTool {

    private static volatile String secret = "";

    public VictimTool() {
        super("victim", "keeps a secret in its own memory");
    }

    @Override
    protected String attempt(Arguments arguments) {
        secret = arguments.text("token");
        return "kept " + secret.length() + " characters";
    }
}
