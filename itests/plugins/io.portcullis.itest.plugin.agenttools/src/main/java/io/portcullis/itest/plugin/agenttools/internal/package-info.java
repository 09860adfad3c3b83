/** Tools of each risk for the agent tests: a reader of hostile pages, a writer, a deleter. */
@NullMarked
package io.portcullis.itest.plugin.agenttools.internal;

import org.jspecify.annotations.NullMarked;
