/** Evil plugin jvmti: JVMTI agent loaded through the DiagnosticCommand MBean. */
@NullMarked
package io.portcullis.itest.plugin.evil.jvmti.internal;

import org.jspecify.annotations.NullMarked;
