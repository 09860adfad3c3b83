-- Every API key acts as exactly one member. Keys made without one are bound to the workspace's earliest
-- owner: who created them was never stored, and only an owner or admin could have. Row-level security
-- (V2) binds the tables' owner too and no workspace is set here, so it is lifted for this one statement.
ALTER TABLE api_keys NO FORCE ROW LEVEL SECURITY;
ALTER TABLE members NO FORCE ROW LEVEL SECURITY;
UPDATE api_keys SET member_id = (
    SELECT m.id FROM members m
    WHERE m.workspace_id = api_keys.workspace_id AND m.role = 'owner'
    ORDER BY m.created_at, m.id FETCH FIRST 1 ROWS ONLY)
WHERE member_id IS NULL;
DELETE FROM api_keys WHERE member_id IS NULL;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
ALTER TABLE members FORCE ROW LEVEL SECURITY;
