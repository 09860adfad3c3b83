/**
 * The agent bundle's REST routes: agents and their versions, conversations, their messages and notes,
 * runs, their steps and their event stream, and the review queue.
 */
@NullMarked
package io.portcullis.agent.internal.api;

import org.jspecify.annotations.NullMarked;
