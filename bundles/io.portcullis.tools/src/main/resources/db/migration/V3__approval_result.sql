-- The outcome of an executed (or failed) approved call as its caller reads it, redacted, so that the
-- requester can read it too (GET .../approvals/{id}), not only the approver who ran it. JSON; NULL until
-- the call has run.
ALTER TABLE approvals ADD COLUMN result VARCHAR;
