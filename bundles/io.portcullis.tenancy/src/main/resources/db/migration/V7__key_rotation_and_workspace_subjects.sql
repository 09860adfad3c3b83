-- rotated_from: the key a rotation replaced, so that revoking either key of the pair ends the other's
-- grace. A record, not a reference: the old key may be gone with its member.
ALTER TABLE api_keys ADD COLUMN rotated_from VARCHAR(24);
CREATE INDEX api_keys_rotated_from ON api_keys (rotated_from);

-- JWT subjects are per workspace: one identity-provider subject may be a member of several workspaces
-- (one member in each), and binding it in one workspace tells nothing about another.
ALTER TABLE members DROP CONSTRAINT members_external_subject_unique;
ALTER TABLE members ADD CONSTRAINT members_external_subject_unique UNIQUE (workspace_id, external_subject);
