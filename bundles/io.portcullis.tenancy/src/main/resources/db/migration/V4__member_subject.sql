-- The external subject (a JWT claim, 'sub' by default) that authenticates as a member. Unique across
-- all workspaces: one identity-provider subject is one member of one workspace. NULL when unbound
-- (both engines allow many NULLs under a unique constraint); never empty, because PostgreSQL's
-- current_setting() of a setting reset after a transaction reads '' (see postgresql/V6).
ALTER TABLE members ADD COLUMN external_subject VARCHAR(255);
ALTER TABLE members ADD CONSTRAINT members_external_subject_unique UNIQUE (external_subject);
ALTER TABLE members ADD CONSTRAINT members_external_subject_not_empty
    CHECK (external_subject IS NULL OR CHAR_LENGTH(external_subject) > 0);
