/** The noop test plugin: a tool that answers at once, for measuring what hosting a plugin costs. */
@NullMarked
package io.portcullis.itest.plugin.noop.internal;

import org.jspecify.annotations.NullMarked;
