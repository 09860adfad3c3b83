package io.portcullis.audit.internal.writer;

import io.portcullis.audit.Actor;
import io.portcullis.audit.AuditEvent;
import io.portcullis.audit.AuditKeys;
import io.portcullis.audit.AuditRecord;
import io.portcullis.audit.AuditUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an event into what may be stored, on the caller's thread (so the writer thread only writes):
 * passes the target, reason code and text, actor and credential ids, request id and arguments through
 * the vault's redactor, HMACs the redacted arguments under the workspace's audit key and drops them,
 * and cuts every text to its column, so that no single record can fail a whole batch by its size or
 * by a NUL character (which PostgreSQL refuses). The action and actor kind are names from code, not
 * redacted, only cut.
 */
final class EventPreparer {

    /** Stands in for a text the redactor could not check: a record without it beats no record. */
    static final String WITHHELD = "[withheld: redactor failed]";

    static final int MAX_CHAIN = 64;
    static final int HMAC_BYTES = 32;

    private static final Logger LOG = LoggerFactory.getLogger(EventPreparer.class);
    private static final HexFormat HEX = HexFormat.of();

    private final UnaryOperator<String> redactor;
    private final AuditKeys keys;

    EventPreparer(UnaryOperator<String> redactor, AuditKeys keys) {
        this.redactor = redactor;
        this.keys = keys;
    }

    /**
     * @throws IllegalArgumentException when the workspace id cannot name a chain
     * @throws AuditUnavailableException when the arguments' HMAC cannot be computed
     */
    Prepared prepare(AuditEvent event) throws AuditUnavailableException {
        // The columns are NOT NULL: fail this caller now rather than the whole batch later.
        Objects.requireNonNull(event.actor(), "actor");
        Objects.requireNonNull(event.actor().kind(), "actor kind");
        Objects.requireNonNull(event.actor().id(), "actor id");
        Objects.requireNonNull(event.action(), "action");
        Objects.requireNonNull(event.decision(), "decision");
        String workspaceId = event.workspaceId();
        String chain = chainOf(workspaceId);
        Actor actor = event.actor();
        Actor stored = new Actor(
                cut(actor.kind(), 32),
                cut(redact(actor.id()), 200),
                cutNullable(redactNullable(actor.credentialId()), 200));
        AuditEvent clean = new AuditEvent(
                workspaceId,
                stored,
                cut(event.action(), 64),
                cutNullable(redactNullable(event.target()), 500),
                event.decision(),
                cutNullable(redactNullable(event.reasonCode()), 64),
                cutNullable(redactNullable(event.reasonText()), 1000),
                null,
                event.resultStatus(),
                event.latencyMillis(),
                cutNullable(redactNullable(event.requestId()), 128));
        String arguments = event.arguments();
        return new Prepared(chain, clean, arguments == null ? null : hmac(workspaceId, redact(arguments)));
    }

    static String chainOf(@Nullable String workspaceId) {
        if (workspaceId == null) {
            return AuditRecord.PLATFORM_CHAIN;
        }
        if (workspaceId.isEmpty()
                || workspaceId.length() > MAX_CHAIN
                || workspaceId.equals(AuditRecord.PLATFORM_CHAIN)) {
            // Not echoed: it may be whatever a client sent.
            throw new IllegalArgumentException("a workspace id must be 1.." + MAX_CHAIN + " characters and not '"
                    + AuditRecord.PLATFORM_CHAIN + "'");
        }
        return workspaceId;
    }

    private String hmac(@Nullable String workspaceId, String redactedArguments) throws AuditUnavailableException {
        byte[] mac;
        try {
            mac = keys.hmac(workspaceId, redactedArguments.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new AuditUnavailableException("audit: the arguments' HMAC could not be computed ("
                    + e.getClass().getName() + ")");
        }
        if (mac == null || mac.length != HMAC_BYTES) {
            throw new AuditUnavailableException("audit: the arguments' HMAC is not " + HMAC_BYTES + " bytes");
        }
        return HEX.formatHex(mac);
    }

    private @Nullable String redactNullable(@Nullable String text) {
        return text == null ? null : redact(text);
    }

    private String redact(String text) {
        try {
            String redacted = redactor.apply(text);
            if (redacted != null) {
                return redacted;
            }
            LOG.warn("The redactor answered null; an audit text was withheld");
        } catch (RuntimeException e) {
            // The class only: the exception's message may quote the text.
            LOG.warn(
                    "The redactor failed with {}; an audit text was withheld",
                    e.getClass().getName());
        }
        return WITHHELD;
    }

    /** At most {@code max} chars, no NUL, never half a surrogate pair. */
    static String cut(String text, int max) {
        String clean = text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
        if (clean.length() <= max) {
            return clean;
        }
        int end = Character.isHighSurrogate(clean.charAt(max - 1)) ? max - 1 : max;
        return clean.substring(0, end);
    }

    private static @Nullable String cutNullable(@Nullable String text, int max) {
        return text == null ? null : cut(text, max);
    }
}
