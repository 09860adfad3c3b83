/** Plugins as the gate keeps them: records, statuses, and the administration contract the API calls. */
@NullMarked
package io.portcullis.policy.internal.plugins;

import org.jspecify.annotations.NullMarked;
