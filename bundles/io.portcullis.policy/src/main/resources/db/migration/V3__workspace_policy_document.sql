-- The rest of a workspace's policy beside read_only, as one JSON document: four eyes, limits,
-- auto-approval rules and the egress lists. Read whole into the gate's snapshot; never queried by field.
ALTER TABLE workspace_policies ADD COLUMN document VARCHAR(65536) NOT NULL DEFAULT '{}';
