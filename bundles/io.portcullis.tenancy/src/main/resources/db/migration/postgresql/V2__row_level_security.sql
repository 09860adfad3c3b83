-- Row-level security: a transaction sees the members and API keys of the workspace the store set
-- with set_config('portcullis.workspace_id', ..., true), and nothing when none is set. FORCE makes
-- the policies bind the tables' owner too (superusers and BYPASSRLS roles still bypass them).
ALTER TABLE members ENABLE ROW LEVEL SECURITY;
ALTER TABLE members FORCE ROW LEVEL SECURITY;
CREATE POLICY members_of_workspace ON members
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY api_keys_of_workspace ON api_keys
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
-- Authentication looks a key up before its workspace is known: it sets portcullis.key_id for its
-- transaction and may read (only read) that one row.
CREATE POLICY api_keys_being_authenticated ON api_keys FOR SELECT
    USING (id = current_setting('portcullis.key_id', true));
