/**
 * What the agent bundle keeps, and the stores that keep it. Every store method runs in
 * {@code Database#inWorkspace} and filters on the workspace too, so a row of another workspace is
 * missing on both engines (a foreign id is a 404 to the routes).
 */
@NullMarked
package io.portcullis.agent.internal.data;

import org.jspecify.annotations.NullMarked;
