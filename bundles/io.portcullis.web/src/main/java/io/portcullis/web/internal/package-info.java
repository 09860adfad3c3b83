/** The embedded HTTP server and what every request shares: routing, problem details, request ids. */
@NullMarked
package io.portcullis.web.internal;

import org.jspecify.annotations.NullMarked;
