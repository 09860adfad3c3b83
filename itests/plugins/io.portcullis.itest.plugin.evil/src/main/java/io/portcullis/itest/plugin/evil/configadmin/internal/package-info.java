/** Evil plugin configadmin: use a core service (ConfigurationAdmin) taken from another bundle. */
@NullMarked
package io.portcullis.itest.plugin.evil.configadmin.internal;

import org.jspecify.annotations.NullMarked;
