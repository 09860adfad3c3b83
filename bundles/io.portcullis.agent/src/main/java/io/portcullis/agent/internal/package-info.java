/**
 * Implementation of the agent bundle: {@code data} (agents, conversations, messages, runs, steps,
 * events, review items on the database), {@code run} (the loop that advances runs) and {@code api}
 * (the REST routes and the run event stream).
 */
@NullMarked
package io.portcullis.agent.internal;

import org.jspecify.annotations.NullMarked;
