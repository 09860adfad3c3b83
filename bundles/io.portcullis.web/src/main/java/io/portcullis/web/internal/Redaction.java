package io.portcullis.web.internal;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's redactor as the web layer uses it on every problem text before it is sent: a
 * {@code UnaryOperator<String>} service with {@code portcullis.role=redactor}, only java.* types
 * shared, so this bundle imports nothing of the vault. Without one, text passes unchanged; a
 * redactor that fails or answers null fails closed with {@value #WITHHELD}.
 */
final class Redaction implements UnaryOperator<String> {

    /** The service filter of the redactor. */
    static final String TARGET = "(portcullis.role=redactor)";

    /** Stands in for a text the redactor could not check. */
    static final String WITHHELD = "[withheld: redactor failed]";

    private static final Logger LOG = LoggerFactory.getLogger(Redaction.class);

    private final AtomicReference<@Nullable UnaryOperator<String>> redactor = new AtomicReference<>();

    /** Uses {@code next} from now on. */
    void use(UnaryOperator<String> next) {
        redactor.set(next);
    }

    /** Stops using {@code gone}, unless another redactor has already replaced it. */
    void withdraw(UnaryOperator<String> gone) {
        redactor.compareAndSet(gone, null);
    }

    @Override
    public String apply(String text) {
        UnaryOperator<String> current = redactor.get();
        if (current == null) {
            return text;
        }
        try {
            String redacted = current.apply(text);
            if (redacted != null) {
                return redacted;
            }
            LOG.warn("The redactor answered null; a problem text was withheld");
        } catch (RuntimeException e) {
            // The class only: the exception's message may quote the text.
            LOG.warn(
                    "The redactor failed with {}; a problem text was withheld",
                    e.getClass().getName());
        }
        return WITHHELD;
    }
}
