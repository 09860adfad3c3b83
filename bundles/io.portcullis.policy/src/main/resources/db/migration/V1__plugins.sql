-- Plugins: every bundle installed from outside the core folder, keyed by its symbolic name, which
-- is unique among plugins (credential bindings name plugins by it too). The exact jar is named by
-- its SHA-256. Scopes are stored space-separated and sorted; findings and reasons as JSON arrays.
CREATE TABLE plugins (
    id               VARCHAR(255)                NOT NULL PRIMARY KEY,
    version          VARCHAR(128)                NOT NULL,
    kind             VARCHAR(32)                 NOT NULL,
    sha256           CHAR(64)                    NOT NULL,
    location         VARCHAR(2048)               NOT NULL,
    source           VARCHAR(16)                 NOT NULL,
    status           VARCHAR(16)                 NOT NULL,
    requested_scopes VARCHAR(4096)               NOT NULL,
    findings         VARCHAR(1048576)            NOT NULL,
    reasons          VARCHAR(65536)              NOT NULL,
    installed_at     TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT plugins_location UNIQUE (location),
    CONSTRAINT plugins_source CHECK (source IN ('deploy', 'upload')),
    CONSTRAINT plugins_status CHECK (status IN ('pending', 'active', 'rejected', 'revoked', 'failed'))
);

-- Grants: exactly these scopes to exactly this jar (name, version, hash), by whom and when. A grant
-- is never deleted; revoking (or uninstalling) stamps it, so the history stays.
CREATE TABLE plugin_grants (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plugin_id   VARCHAR(255)                NOT NULL,
    version     VARCHAR(128)                NOT NULL,
    sha256      CHAR(64)                    NOT NULL,
    scopes      VARCHAR(4096)               NOT NULL,
    granted_by  VARCHAR(255)                NOT NULL,
    granted_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    revoked_by  VARCHAR(255),
    revoked_at  TIMESTAMP(6) WITH TIME ZONE
);
CREATE INDEX plugin_grants_plugin ON plugin_grants (plugin_id, sha256);

-- Which workspaces enabled which plugins, and each workspace's policy. No reference to
-- tenancy.workspaces: the policy deletes a workspace's rows through WorkspaceCleanup.
CREATE TABLE workspace_plugins (
    workspace_id VARCHAR(64)                 NOT NULL,
    plugin_id    VARCHAR(255)                NOT NULL,
    enabled_by   VARCHAR(255)                NOT NULL,
    enabled_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    PRIMARY KEY (workspace_id, plugin_id)
);
CREATE INDEX workspace_plugins_plugin ON workspace_plugins (plugin_id);

CREATE TABLE workspace_policies (
    workspace_id VARCHAR(64)                 NOT NULL PRIMARY KEY,
    read_only    BOOLEAN                     NOT NULL,
    updated_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
