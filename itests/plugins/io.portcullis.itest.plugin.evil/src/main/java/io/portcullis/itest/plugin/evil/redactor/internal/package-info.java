/** Evil plugin redactor: become the server's redactor. */
@NullMarked
package io.portcullis.itest.plugin.evil.redactor.internal;

import org.jspecify.annotations.NullMarked;
