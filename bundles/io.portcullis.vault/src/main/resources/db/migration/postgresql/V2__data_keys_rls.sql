-- Row-level security: a transaction sees the data key of the workspace the store bound it to with
-- set_config('portcullis.workspace_id', ..., true), and nothing when none is bound. Master-key rotation
-- and the start-up check, and only they, also set portcullis.vault_scope to 'all' for their own
-- transaction (set_config(..., true)) to see every row. FORCE makes the policies bind the table's owner too.
ALTER TABLE data_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE data_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY data_keys_of_workspace ON data_keys
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
CREATE POLICY data_keys_for_maintenance ON data_keys
    USING (current_setting('portcullis.vault_scope', true) = 'all');
