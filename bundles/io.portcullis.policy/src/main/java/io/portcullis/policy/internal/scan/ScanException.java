package io.portcullis.policy.internal.scan;

import org.jspecify.annotations.Nullable;

/**
 * A jar the scanner refuses to judge: not a zip, a corrupt or unsupported class file, or a limit
 * exceeded. The plugin is rejected, since an unscannable jar could hide anything. The message is
 * safe to show to an administrator: it names the entry (sanitised and shortened, since the name comes
 * from the uploaded jar) and never carries a stack trace or file contents.
 */
public final class ScanException extends Exception {

    private static final long serialVersionUID = 1L;

    private static final int MAX_ENTRY_CHARS = 200;

    private final String entry;

    /**
     * @param entry the entry at fault, nested jars joined with {@code !/}; {@code ""} for the jar itself
     * @param problem what is wrong, written by the scanner (no user input)
     */
    public ScanException(String entry, String problem) {
        this(entry, problem, null);
    }

    ScanException(String entry, String problem, @Nullable Throwable cause) {
        super(problem + (entry.isEmpty() ? "" : ": " + printable(entry)), cause);
        this.entry = printable(entry);
    }

    /** The entry at fault as it appears in the message; {@code ""} for the jar itself. */
    public String entry() {
        return entry;
    }

    /** Replaces control and other unprintable characters and caps the length of a name from the jar. */
    static String printable(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length(), MAX_ENTRY_CHARS + 3));
        name.codePoints().limit(MAX_ENTRY_CHARS).forEach(cp -> {
            boolean visible =
                    !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT && Character.isDefined(cp);
            out.appendCodePoint(visible ? cp : '?');
        });
        if (name.codePointCount(0, name.length()) > MAX_ENTRY_CHARS) {
            out.append("...");
        }
        return out.toString();
    }
}
