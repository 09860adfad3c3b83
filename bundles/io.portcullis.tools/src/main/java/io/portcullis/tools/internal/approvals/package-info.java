/** The approvals queue: pending calls stored per workspace, approved or denied at most once. */
@NullMarked
package io.portcullis.tools.internal.approvals;

import org.jspecify.annotations.NullMarked;
