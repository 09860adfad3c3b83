package io.portcullis.policy;

/** The answer to "may this plugin act for this workspace now?", with the first reason it may not. */
public enum Decision {
    ALLOW,
    /** The plugin is unknown, not active, or its grant no longer covers what it declares. */
    PLUGIN_NOT_ACTIVE,
    /** The workspace has not enabled the plugin. */
    NOT_ENABLED,
    /** The workspace is in read-only mode and the call's risk is {@code write} or {@code destructive}. */
    READ_ONLY;

    public boolean allowed() {
        return this == ALLOW;
    }
}
