-- Row-level security: a transaction sees the profiles of the workspace the store set with
-- set_config('portcullis.workspace_id', ..., true), and nothing when none is set. FORCE makes the
-- policy bind the table's owner too (superusers and BYPASSRLS roles still bypass it).
ALTER TABLE profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE profiles FORCE ROW LEVEL SECURITY;
CREATE POLICY profiles_of_workspace ON profiles
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
