package io.portcullis.launcher;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.function.UnaryOperator;

/**
 * Logback's view of an exception with every message redacted: the class names, frames, common
 * frames and packaging data stay those of the original, so the printed stack trace reads the same
 * except for the secrets. (A stand-in exception class would print its own name instead.)
 */
final class RedactedThrowableProxy implements IThrowableProxy {

    private final IThrowableProxy original;
    private final String message;
    private final IThrowableProxy cause;
    private final IThrowableProxy[] suppressed;

    private RedactedThrowableProxy(IThrowableProxy original, UnaryOperator<String> redactor) {
        this.original = original;
        String text = original.getMessage();
        this.message = text == null ? null : RedactingTurboFilter.apply(redactor, text);
        // Logback's proxies are finite: a cyclic cause is a leaf marked isCyclic().
        this.cause = original.getCause() == null ? null : new RedactedThrowableProxy(original.getCause(), redactor);
        IThrowableProxy[] originals = original.getSuppressed();
        this.suppressed = new IThrowableProxy[originals == null ? 0 : originals.length];
        for (int i = 0; i < suppressed.length; i++) {
            suppressed[i] = new RedactedThrowableProxy(originals[i], redactor);
        }
    }

    static IThrowableProxy of(IThrowableProxy original, UnaryOperator<String> redactor) {
        return new RedactedThrowableProxy(original, redactor);
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public String getClassName() {
        return original.getClassName();
    }

    @Override
    public StackTraceElementProxy[] getStackTraceElementProxyArray() {
        return original.getStackTraceElementProxyArray();
    }

    @Override
    public int getCommonFrames() {
        return original.getCommonFrames();
    }

    @Override
    public IThrowableProxy getCause() {
        return cause;
    }

    @Override
    public IThrowableProxy[] getSuppressed() {
        return suppressed.clone();
    }

    @Override
    public boolean isCyclic() {
        return original.isCyclic();
    }
}
