@NullMarked
package io.portcullis.audit.internal;

import org.jspecify.annotations.NullMarked;
