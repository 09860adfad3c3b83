package io.portcullis.audit.internal.api;

import io.portcullis.audit.AuditRecord;

/**
 * A point a record links to: the sequence number and hash of its predecessor. A chain starts from its
 * checkpoint (the last pruned record) or, never pruned, from sequence 0 with {@link AuditRecord#GENESIS}.
 */
record Link(long sequence, String hash) {

    static final Link GENESIS = new Link(0, AuditRecord.GENESIS);

    static Link of(AuditRecord record) {
        return new Link(record.sequence(), record.hash());
    }
}
