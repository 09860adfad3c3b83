-- A key without a member does not exist (see V8): a workspace always has an owner, so nothing is left
-- unbound; were anything, it could not be bound to anyone and goes.
DELETE FROM api_keys WHERE member_id IS NULL;
ALTER TABLE api_keys ALTER COLUMN member_id SET NOT NULL;
