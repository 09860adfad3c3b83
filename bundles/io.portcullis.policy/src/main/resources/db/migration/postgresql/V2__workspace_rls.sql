-- Row-level security on the workspace-owned tables: a transaction sees the rows of the workspace the
-- store set with set_config('portcullis.workspace_id', ..., true). The gate's snapshot, built at start
-- and after every change, reads every row: it sets portcullis.policy_scope to 'all' for that one
-- read-only transaction. Uninstalling a plugin deletes its enablements in every workspace the same way.
ALTER TABLE workspace_plugins ENABLE ROW LEVEL SECURITY;
ALTER TABLE workspace_plugins FORCE ROW LEVEL SECURITY;
CREATE POLICY workspace_plugins_of_workspace ON workspace_plugins
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
CREATE POLICY workspace_plugins_all ON workspace_plugins
    USING (current_setting('portcullis.policy_scope', true) = 'all');

ALTER TABLE workspace_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE workspace_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY workspace_policies_of_workspace ON workspace_policies
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
CREATE POLICY workspace_policies_all ON workspace_policies FOR SELECT
    USING (current_setting('portcullis.policy_scope', true) = 'all');
