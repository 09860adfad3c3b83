package io.portcullis.spi;

import org.osgi.annotation.versioning.ProviderType;

/** The context of one tool call: a {@link CallContext} within an agent run. */
@ProviderType
public interface ToolContext extends CallContext {

    /** The run this call belongs to, for correlating log lines; {@code manual} for an operator's direct call. */
    String runId();
}
