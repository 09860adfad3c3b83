package io.portcullis.launcher;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Whether the redactor changes the message of an exception, of one of its causes or of one of
 * their suppressed exceptions: the texts Logback prints with a stack trace. Walks the exceptions
 * themselves, which is cheaper than building Logback's proxy of them for every logged exception.
 */
final class ThrowableTexts {

    private ThrowableTexts() {}

    static boolean anyChanged(Throwable thrown, UnaryOperator<String> redactor) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.push(thrown);
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue; // a cycle of causes
            }
            String message = t.getMessage();
            if (message != null
                    && RedactingTurboFilter.differs(message, RedactingTurboFilter.apply(redactor, message))) {
                return true;
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
            for (Throwable suppressed : t.getSuppressed()) {
                todo.push(suppressed);
            }
        }
        return false;
    }
}
