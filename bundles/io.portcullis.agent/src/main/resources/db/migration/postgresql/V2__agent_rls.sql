-- Row-level security: a transaction sees the rows of the workspace the store set with
-- set_config('portcullis.workspace_id', ..., true), and nothing when none is set. FORCE makes the
-- policies bind the tables' owner too (superusers and BYPASSRLS roles still bypass them).
ALTER TABLE agents ENABLE ROW LEVEL SECURITY;
ALTER TABLE agents FORCE ROW LEVEL SECURITY;
CREATE POLICY agents_of_workspace ON agents
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE agent_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE agent_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY agent_versions_of_workspace ON agent_versions
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;
CREATE POLICY conversations_of_workspace ON conversations
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
CREATE POLICY messages_of_workspace ON messages
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE runs FORCE ROW LEVEL SECURITY;
CREATE POLICY runs_of_workspace ON runs
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE run_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE run_steps FORCE ROW LEVEL SECURITY;
CREATE POLICY run_steps_of_workspace ON run_steps
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE run_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE run_events FORCE ROW LEVEL SECURITY;
CREATE POLICY run_events_of_workspace ON run_events
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE review_items ENABLE ROW LEVEL SECURITY;
ALTER TABLE review_items FORCE ROW LEVEL SECURITY;
CREATE POLICY review_items_of_workspace ON review_items
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE review_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE review_history FORCE ROW LEVEL SECURITY;
CREATE POLICY review_history_of_workspace ON review_history
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

-- The sweeper looks for runs without a live lease before it knows their workspaces: it sets
-- portcullis.agent_scope to 'sweep' for its one transaction and may read (only read) every run; it
-- then resumes each in a transaction of that run's workspace.
CREATE POLICY runs_sweep ON runs FOR SELECT
    USING (current_setting('portcullis.agent_scope', true) = 'sweep');
