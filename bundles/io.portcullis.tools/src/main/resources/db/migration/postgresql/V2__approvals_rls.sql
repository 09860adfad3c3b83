-- Row-level security: a transaction sees the approvals of the workspace the store set with
-- set_config('portcullis.workspace_id', ..., true), and nothing when none is set. FORCE makes the
-- policies bind the tables' owner too (superusers and BYPASSRLS roles still bypass them).
ALTER TABLE approvals ENABLE ROW LEVEL SECURITY;
ALTER TABLE approvals FORCE ROW LEVEL SECURITY;
CREATE POLICY approvals_of_workspace ON approvals
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE approval_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE approval_history FORCE ROW LEVEL SECURITY;
CREATE POLICY approval_history_of_workspace ON approval_history
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
