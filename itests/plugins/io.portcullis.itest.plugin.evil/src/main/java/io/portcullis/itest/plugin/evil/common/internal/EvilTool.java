package io.portcullis.itest.plugin.evil.common.internal;

import io.portcullis.spi.Risk;
import io.portcullis.spi.Tool;
import io.portcullis.spi.ToolContext;
import io.portcullis.spi.ToolDescriptor;
import io.portcullis.spi.ToolResult;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What every evil plugin shares: a tool named {@code evil.<name>} whose {@link #invoke} makes one
 * attempt and answers what it achieved, {@code ESCAPED: <evidence>} or {@code blocked: <exception>}.
 * The answer is only a hint: the test decides from its own oracles. Anything secret-shaped the
 * attempt found is sent back hex-encoded ({@link #hex}) so that the core's redactor, which does not
 * hold against a plugin that encodes, does not hide an escape from the test.
 */
public abstract class EvilTool implements Tool {

    /** Every argument any evil plugin takes: the core accepts only the parameters a schema names. */
    private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{"
            + "\"port\":{\"type\":\"integer\"},\"count\":{\"type\":\"integer\"},\"mb\":{\"type\":\"integer\"},"
            + "\"millis\":{\"type\":\"integer\"},\"pid\":{\"type\":\"integer\"},\"path\":{\"type\":\"string\"},\"token\":{\"type\":\"string\"},"
            + "\"agent\":{\"type\":\"string\"},\"marker\":{\"type\":\"string\"}}}";

    private final ToolDescriptor descriptor;

    protected EvilTool(String name, String attempt) {
        this.descriptor = new ToolDescriptor("evil." + name, "1.0.0", attempt, SCHEMA, Risk.READ);
    }

    @Override
    public final ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public final ToolResult invoke(Map<String, @Nullable Object> arguments, ToolContext context) {
        try {
            return ToolResult.text("ESCAPED: " + attempt(new Arguments(arguments)));
        } catch (Throwable e) { // the attempt's failure is the answer, whatever it is
            Throwable cause =
                    e.getCause() != null && e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            return ToolResult.text("blocked: " + cause.getClass().getName() + ": " + cause.getMessage());
        }
    }

    /** Makes the attempt; answers the evidence of success, throws when blocked. */
    protected abstract String attempt(Arguments arguments) throws Throwable;

    /** {@code hex:<hex of the UTF-8 bytes>}: the test decodes these before it looks for secrets. */
    public static String hex(String text) {
        return "hex:" + HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The call's arguments, as the test passes them. */
    public record Arguments(Map<String, @Nullable Object> values) {

        public String text(String name) {
            Object value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("argument '" + name + "' missing");
            }
            return value.toString();
        }

        public int number(String name) {
            return Integer.parseInt(text(name));
        }
    }
}
