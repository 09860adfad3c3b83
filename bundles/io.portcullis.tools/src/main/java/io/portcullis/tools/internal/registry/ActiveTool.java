package io.portcullis.tools.internal.registry;

/** A registered tool whose owner is an active plugin, named by its plugin id. */
public record ActiveTool(RegisteredTool registered, String pluginId) {}
