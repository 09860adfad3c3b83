-- Row-level security of the audit tables. A transaction sees the rows of the workspace the store bound
-- it to with set_config('portcullis.workspace_id', ..., true) and nothing else, unless the audit code
-- sets portcullis.audit_scope for its own transaction (set_config(..., true), gone at commit):
--   'writer'   the group-commit writer: reads every chain's head and inserts records of every chain;
--   'prune'    retention pruning: reads and deletes records, writes checkpoints, reads retention;
--   'platform' the platform admin's view of the platform chain (records, checkpoint, retention).
-- Nothing else inserts records. FORCE makes the policies bind the tables' owner, the server's role,
-- too (superusers and BYPASSRLS roles still bypass them).
ALTER TABLE records ENABLE ROW LEVEL SECURITY;
ALTER TABLE records FORCE ROW LEVEL SECURITY;
CREATE POLICY records_of_workspace ON records FOR SELECT
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
CREATE POLICY records_of_platform ON records FOR SELECT
    USING (chain = 'platform' AND current_setting('portcullis.audit_scope', true) = 'platform');
CREATE POLICY records_writer_reads ON records FOR SELECT
    USING (current_setting('portcullis.audit_scope', true) IN ('writer', 'prune'));
CREATE POLICY records_writer_inserts ON records FOR INSERT
    WITH CHECK (current_setting('portcullis.audit_scope', true) = 'writer');
CREATE POLICY records_pruned ON records FOR DELETE
    USING (current_setting('portcullis.audit_scope', true) = 'prune');

ALTER TABLE checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY checkpoints_of_workspace ON checkpoints FOR SELECT
    USING (chain = current_setting('portcullis.workspace_id', true));
CREATE POLICY checkpoints_of_platform ON checkpoints FOR SELECT
    USING (chain = 'platform' AND current_setting('portcullis.audit_scope', true) = 'platform');
CREATE POLICY checkpoints_writer_reads ON checkpoints FOR SELECT
    USING (current_setting('portcullis.audit_scope', true) = 'writer');
CREATE POLICY checkpoints_pruned ON checkpoints
    USING (current_setting('portcullis.audit_scope', true) = 'prune')
    WITH CHECK (current_setting('portcullis.audit_scope', true) = 'prune');

ALTER TABLE retention ENABLE ROW LEVEL SECURITY;
ALTER TABLE retention FORCE ROW LEVEL SECURITY;
CREATE POLICY retention_of_workspace ON retention
    USING (chain = current_setting('portcullis.workspace_id', true))
    WITH CHECK (chain = current_setting('portcullis.workspace_id', true));
CREATE POLICY retention_of_platform ON retention
    USING (chain = 'platform' AND current_setting('portcullis.audit_scope', true) = 'platform')
    WITH CHECK (chain = 'platform' AND current_setting('portcullis.audit_scope', true) = 'platform');
CREATE POLICY retention_maintenance_reads ON retention FOR SELECT
    USING (current_setting('portcullis.audit_scope', true) IN ('writer', 'prune'));

-- Append-only for the server's role, which owns the tables: it may INSERT and SELECT records, never
-- UPDATE or DELETE them. Pruning, and only pruning, grants itself DELETE inside its own transaction
-- (with scope 'prune') and revokes it again before that transaction commits.
REVOKE UPDATE, DELETE, TRUNCATE ON records FROM CURRENT_USER;
