-- Row-level security: a transaction sees the budgets, periods, reservations, usage and limits of the
-- workspace the store set with set_config('portcullis.workspace_id', ..., true), and nothing when none
-- is set. FORCE makes the policies bind the tables' owner too (superusers and BYPASSRLS roles still
-- bypass them). model_prices is the platform's and readable by every transaction.
ALTER TABLE budgets ENABLE ROW LEVEL SECURITY;
ALTER TABLE budgets FORCE ROW LEVEL SECURITY;
CREATE POLICY budgets_of_workspace ON budgets
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE budget_periods ENABLE ROW LEVEL SECURITY;
ALTER TABLE budget_periods FORCE ROW LEVEL SECURITY;
CREATE POLICY budget_periods_of_workspace ON budget_periods
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE usage_reservations ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_reservations FORCE ROW LEVEL SECURITY;
CREATE POLICY usage_reservations_of_workspace ON usage_reservations
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
-- The sweeper looks for expired reservations before it knows their workspaces: it sets
-- portcullis.models_scope to 'sweep' for its one transaction and may read (only read) every row; it
-- then charges each workspace's in a transaction of that workspace.
CREATE POLICY usage_reservations_sweep ON usage_reservations FOR SELECT
    USING (current_setting('portcullis.models_scope', true) = 'sweep');

-- Append-only: a workspace's transactions read and insert its usage, and delete it only with the
-- workspace (WorkspaceCleanup); no policy allows an UPDATE, so none changes a row.
ALTER TABLE usage_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_events FORCE ROW LEVEL SECURITY;
CREATE POLICY usage_events_read ON usage_events FOR SELECT
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
CREATE POLICY usage_events_insert ON usage_events FOR INSERT
    WITH CHECK (workspace_id = current_setting('portcullis.workspace_id', true));
CREATE POLICY usage_events_delete ON usage_events FOR DELETE
    USING (workspace_id = current_setting('portcullis.workspace_id', true));

ALTER TABLE rate_limits ENABLE ROW LEVEL SECURITY;
ALTER TABLE rate_limits FORCE ROW LEVEL SECURITY;
CREATE POLICY rate_limits_of_workspace ON rate_limits
    USING (workspace_id = current_setting('portcullis.workspace_id', true));
