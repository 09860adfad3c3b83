/** Every API request and authentication failure on the record, from what the web layer tells. */
@NullMarked
package io.portcullis.audit.internal.requests;

import org.jspecify.annotations.NullMarked;
