/** A model provider that follows a script found in the agent's instructions. */
@NullMarked
package io.portcullis.itest.plugin.scriptedmodel.internal;

import org.jspecify.annotations.NullMarked;
