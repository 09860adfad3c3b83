package io.portcullis.host.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One service the plugin registered in its host.
 *
 * @param handle the service's id in the host's framework, the handle calls name
 * @param kind {@link #TOOL}, {@link #MODEL_PROVIDER} or {@link #CHANNEL}
 * @param descriptor the serialised {@code ToolDescriptor}, {@code ModelProvider.Descriptor} or
 *     {@code Channel.Descriptor}
 */
public record ServiceInfo(long handle, String kind, JsonNode descriptor) {

    public static final String TOOL = "tool";
    public static final String MODEL_PROVIDER = "model-provider";
    public static final String CHANNEL = "channel";
}
