-- Row-level security: a transaction sees the credentials and bindings of the workspace the store set
-- with set_config('portcullis.workspace_id', ..., true), and nothing when none is set. FORCE makes
-- the policies bind the tables' owner too (superusers and BYPASSRLS roles still bypass them).
ALTER TABLE credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE credentials FORCE ROW LEVEL SECURITY;
CREATE POLICY credentials_of_workspace ON credentials
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
-- The start-up load, before any request, lists every workspace holding credentials: it sets
-- portcullis.vault_scope to 'all' for its one transaction and may read (only read) every row.
CREATE POLICY credentials_startup_load ON credentials FOR SELECT
    USING (current_setting('portcullis.vault_scope', true) = 'all');

ALTER TABLE credential_bindings ENABLE ROW LEVEL SECURITY;
ALTER TABLE credential_bindings FORCE ROW LEVEL SECURITY;
CREATE POLICY credential_bindings_of_workspace ON credential_bindings
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
