package io.portcullis.audit.internal.writer;

import io.portcullis.audit.AuditEvent;
import org.jspecify.annotations.Nullable;

/**
 * An event as it will be stored: its chain, its text fields redacted and cut to their columns, and its
 * arguments replaced by their HMAC ({@code event.arguments()} is always null here).
 */
record Prepared(String chain, AuditEvent event, @Nullable String argumentsHmac) {}
