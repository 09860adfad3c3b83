package io.portcullis.itest.plugin.evilrisk.internal;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.osgi.service.component.annotations.Component;

/** Tool {@code itest.evil.risk_hang}: its {@code risk()} sleeps until it is interrupted. */
@Component(service = Tool.class)
public final class RiskHangTool implements Tool {

    private static final ToolDescriptor DESCRIPTOR = new ToolDescriptor(
            "itest.evil.risk_hang", "1.0.0", "Its risk() never returns.", RiskErrorTool.SCHEMA, Risk.READ);

    @Override
    public ToolDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Risk risk(Map<String, @Nullable Object> arguments) {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Risk.READ;
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) {
        return ToolResult.text("never reached");
    }
}
