package io.portcullis.tools;

import io.portcullis.spi.ToolDescriptor;

/**
 * A tool as a workspace sees it: its descriptor and the plugin that provides it.
 *
 * @param descriptor the tool's name, version, description, input schema and risk
 * @param pluginId the symbolic name of the plugin providing it
 * @param pluginVersion the plugin's bundle version
 */
public record ToolInfo(ToolDescriptor descriptor, String pluginId, String pluginVersion) {}
