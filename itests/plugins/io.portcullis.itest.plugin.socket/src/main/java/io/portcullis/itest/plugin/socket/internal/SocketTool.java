package io.portcullis.itest.plugin.socket.internal;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Scopes;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import io.portcullis.spi.annotation.PortcullisPlugin;
import io.portcullis.spi.annotation.RequiresScope;
import java.io.IOException;
import java.net.Socket;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/**
 * Tool {@code itest.socket}: asks only for {@code net.egress}, which an administrator might grant
 * without a second thought, yet its code would open a raw socket past the egress guard. The
 * install-time scan must report {@code java.net.Socket.<init>} in {@link #connect()} as an
 * undeclared {@code net.raw} use and reject the jar; none of this code is meant to run. If it ever
 * does, the system property {@code portcullis.itest.socket} says so.
 */
@PortcullisPlugin(PortcullisPlugin.TOOL)
@RequiresScope(Scopes.NET_EGRESS)
@Component(immediate = true, service = Tool.class)
public final class SocketTool implements Tool {

    static {
        System.setProperty("portcullis.itest.socket", "loaded");
    }

    @Override
    public ToolDescriptor descriptor() {
        return new ToolDescriptor("itest.socket", "1.0.0", "Opens a raw socket.", "{\"type\":\"object\"}", Risk.READ);
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) throws ToolException {
        try {
            connect();
            return ToolResult.text("connected");
        } catch (IOException e) {
            throw new ToolException("connection failed", e);
        }
    }

    /** The call the scan must find: a socket to the discard port, bypassing the egress client. */
    void connect() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", 9)) {
            socket.getOutputStream().write(0);
        }
    }
}
