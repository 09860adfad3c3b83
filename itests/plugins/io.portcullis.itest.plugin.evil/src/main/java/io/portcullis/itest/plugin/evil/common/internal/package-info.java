/** What every evil plugin jar carries beside its own package: the tool base class and the framework tricks. */
@NullMarked
package io.portcullis.itest.plugin.evil.common.internal;

import org.jspecify.annotations.NullMarked;
