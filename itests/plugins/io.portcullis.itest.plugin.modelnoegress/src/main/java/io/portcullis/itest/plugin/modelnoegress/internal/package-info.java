/** A model provider that calls out without holding {@code net.egress}. */
@NullMarked
package io.portcullis.itest.plugin.modelnoegress.internal;

import org.jspecify.annotations.NullMarked;
