package io.portcullis.agent.internal.data;

/**
 * An agent's limits per run.
 *
 * @param modelCalls model calls per run (the last one is offered no tools, so the model must answer)
 * @param toolCallsPerTurn tool calls the model may ask for in one turn; more are refused to it
 * @param wallClockSeconds active time of a run, approval waits excluded
 * @param maxTokens output tokens per model call
 */
public record Limits(int modelCalls, int toolCallsPerTurn, int wallClockSeconds, int maxTokens) {

    public static final Limits DEFAULT = new Limits(8, 4, 120, 1024);
    public static final Limits MAX = new Limits(32, 16, 600, 200_000);
}
