/** The impostor test plugin: a trivial tool under a core bundle's symbolic name. */
@NullMarked
package io.portcullis.itest.plugin.impostor.internal;

import org.jspecify.annotations.NullMarked;
