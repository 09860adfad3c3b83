-- Row-level security on invites, as on members (V2): a transaction sees the invites of the workspace
-- the store set with set_config('portcullis.workspace_id', ..., true), and nothing when none is set.
ALTER TABLE invites ENABLE ROW LEVEL SECURITY;
ALTER TABLE invites FORCE ROW LEVEL SECURITY;
CREATE POLICY invites_of_workspace ON invites
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
-- Accepting an invite happens before its workspace is known: the acceptance sets portcullis.invite_id
-- for its transaction and may read and claim (update) that one row, and no other; never insert or
-- delete. An unset setting is NULL or '' and matches no id.
CREATE POLICY invites_being_accepted_read ON invites FOR SELECT
    USING (id = current_setting('portcullis.invite_id', true));
CREATE POLICY invites_being_accepted_claim ON invites FOR UPDATE
    USING (id = current_setting('portcullis.invite_id', true))
    WITH CHECK (id = current_setting('portcullis.invite_id', true));
