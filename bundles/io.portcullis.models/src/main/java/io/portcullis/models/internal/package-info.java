/** Implementation of the models bundle: {@code metering} (prices, budgets, limits, usage) and the call path. */
@NullMarked
package io.portcullis.models.internal;

import org.jspecify.annotations.NullMarked;
