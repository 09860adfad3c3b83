package io.portcullis.audit.internal.writer;

import java.util.Collection;
import java.util.stream.Collectors;

/** Names chains in a log line: quoted, at most {@value #SHOWN}, then how many more. */
final class Chains {

    static final int SHOWN = 10;

    private Chains() {}

    static String quoted(Collection<String> chains) {
        String shown =
                chains.stream().sorted().limit(SHOWN).map(c -> "'" + c + "'").collect(Collectors.joining(", "));
        return chains.size() <= SHOWN ? shown : shown + " and " + (chains.size() - SHOWN) + " more";
    }
}
