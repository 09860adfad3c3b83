/** Evil plugin forkbomb: start processes that outlive the plugin (bounded). */
@NullMarked
package io.portcullis.itest.plugin.evil.forkbomb.internal;

import org.jspecify.annotations.NullMarked;
