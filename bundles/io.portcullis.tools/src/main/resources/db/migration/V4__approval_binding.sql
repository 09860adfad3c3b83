-- What an approval is bound to beside the tool's version, and why it was asked for. reason is risk (the
-- tool's risk needs one) or untrusted_context (the caller had read untrusted content and the workspace's
-- tainted_calls rule asks for one). argument_digest is the SHA-256 (hex) of the canonical arguments and
-- policy_version the version of the workspace policy when it was asked: if either differs when it is
-- approved, the call is refused (approval_void) and nothing runs. Rows from before have neither, and are
-- void. evidence (JSON {sources, matched_arguments, hosts}, redacted: names and hosts, never argument
-- values) is what the caller had read, for the approver; NULL when it had read nothing untrusted.
ALTER TABLE approvals ADD COLUMN reason VARCHAR(32) DEFAULT 'risk' NOT NULL;
ALTER TABLE approvals ADD COLUMN argument_digest VARCHAR(64);
ALTER TABLE approvals ADD COLUMN policy_version VARCHAR(64);
ALTER TABLE approvals ADD COLUMN evidence VARCHAR;
ALTER TABLE approvals ADD CONSTRAINT approvals_reason CHECK (reason IN ('risk', 'untrusted_context'));
-- A cancelled run expires its pending approvals.
CREATE INDEX approvals_run ON approvals (workspace_id, run_id, status);
