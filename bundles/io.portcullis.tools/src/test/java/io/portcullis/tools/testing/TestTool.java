package io.portcullis.tools.testing;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolException;
import io.portcullis.spi.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** A tool whose body the test gives; it keeps every call's arguments and context. */
public final class TestTool implements Tool {

    /** The body of a call. */
    @FunctionalInterface
    public interface Body {
        ToolResult run(Map<String, @Nullable Object> arguments, ToolContext context) throws Exception;
    }

    /** A small realistic schema: a query, an optional limit, nested options. */
    public static final String SCHEMA = """
            {"type": "object",
             "properties": {
               "query": {"type": "string", "maxLength": 100000},
               "limit": {"type": "integer", "minimum": 1, "maximum": 50},
               "options": {"type": "object", "properties": {"lang": {"type": "string", "enum": ["en", "de"]}}}
             },
             "required": ["query"]}""";

    /** How a call's risk is rated; the descriptor's unless a test gives another. */
    @FunctionalInterface
    public interface RiskBody {
        @Nullable Risk rate(Map<String, @Nullable Object> arguments) throws Exception;
    }

    public final List<Map<String, @Nullable Object>> calls = new CopyOnWriteArrayList<>();
    public final List<ToolContext> contexts = new CopyOnWriteArrayList<>();
    private final ToolDescriptor descriptor;
    private volatile Body body;
    private volatile @Nullable RiskBody risk;

    public TestTool(String name, Risk risk, Body body) {
        this(new ToolDescriptor(name, "1.2.0", "A test tool.", SCHEMA, risk), body);
    }

    public TestTool(ToolDescriptor descriptor, Body body) {
        this.descriptor = descriptor;
        this.body = body;
    }

    public static TestTool echo(String name, Risk risk) {
        return new TestTool(name, risk, (arguments, context) -> ToolResult.text("echo " + arguments.get("query")));
    }

    public TestTool body(Body body) {
        this.body = body;
        return this;
    }

    public TestTool risk(RiskBody risk) {
        this.risk = risk;
        return this;
    }

    @Override
    public @Nullable Risk risk(Map<String, @Nullable Object> arguments) {
        RiskBody rated = risk;
        if (rated == null) {
            return descriptor.risk();
        }
        try {
            return rated.rate(arguments);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) throws ToolException {
        calls.add(arguments);
        contexts.add(context);
        try {
            return body.run(arguments, context);
        } catch (ToolException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
