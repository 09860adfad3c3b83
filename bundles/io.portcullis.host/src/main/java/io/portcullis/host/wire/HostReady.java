package io.portcullis.host.wire;

import java.util.List;

/** Params of {@code host.ready} and {@code host.services}: the plugin and every service it offers now. */
public record HostReady(String plugin, List<ServiceInfo> services) {}
