-- Every API key acts as exactly one member. Keys made without one are bound to the workspace's earliest
-- owner: who created them was never stored, and only an owner or admin could have.
UPDATE api_keys SET member_id = (
    SELECT m.id FROM members m
    WHERE m.workspace_id = api_keys.workspace_id AND m.role = 'owner'
    ORDER BY m.created_at, m.id FETCH FIRST 1 ROWS ONLY)
WHERE member_id IS NULL;
