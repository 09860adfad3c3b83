/** Evil plugin noanswer: never answer. */
@NullMarked
package io.portcullis.itest.plugin.evil.noanswer.internal;

import org.jspecify.annotations.NullMarked;
