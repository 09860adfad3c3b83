package io.portcullis.tools;

import java.util.List;

/**
 * What a call's caller had read that nobody in the workspace vouches for, and the evidence that it may
 * steer the call. An agent run sets it on every {@link ToolCall}; a direct API call carries
 * {@link #NONE}.
 *
 * @param untrusted whether the caller (the run's model) has seen untrusted content: the run's label
 * @param sources where that content came from ({@code customer}, {@code tool:http.fetch@1.0.0}, …)
 * @param matchedArguments the names of the call's string arguments that also occur in that content
 * @param hosts URLs, e-mail addresses and host names seen in that content
 */
public record Taint(boolean untrusted, List<String> sources, List<String> matchedArguments, List<String> hosts) {

    /** A call whose caller read nothing untrusted. */
    public static final Taint NONE = new Taint(false, List.of(), List.of(), List.of());

    public Taint {
        sources = List.copyOf(sources);
        matchedArguments = List.copyOf(matchedArguments);
        hosts = List.copyOf(hosts);
    }
}
