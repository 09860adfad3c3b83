/** The getenv test plugin: reads the server's environment, which no grant can allow. */
@NullMarked
package io.portcullis.itest.plugin.getenv.internal;

import org.jspecify.annotations.NullMarked;
