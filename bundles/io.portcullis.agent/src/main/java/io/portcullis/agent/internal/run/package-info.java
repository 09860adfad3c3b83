/**
 * The loop that advances runs: claim under a lease, pack the transcript (untrusted content in its
 * envelope), the metered model call, tool calls through the tool invoker, approvals parked without a
 * thread, limits, cancel, handoff to the review queue; and the sweeper that resumes what a dead node left.
 */
@NullMarked
package io.portcullis.agent.internal.run;

import org.jspecify.annotations.NullMarked;
