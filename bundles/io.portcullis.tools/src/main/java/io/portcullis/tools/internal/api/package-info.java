/** The tools bundle's REST routes: a workspace's tools, their invocations and its approvals. */
@NullMarked
package io.portcullis.tools.internal.api;

import org.jspecify.annotations.NullMarked;
