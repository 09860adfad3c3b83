package io.portcullis.hosts;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * A granted plugin to run in a host.
 *
 * @param id the plugin id (its bundle's symbolic name)
 * @param version the plugin's version
 * @param jar the plugin's jar as the core stored it at install
 * @param sha256 the SHA-256 (lower-case hex) the grant names: the host refuses to start any other bytes
 * @param scopes the granted scopes
 */
public record HostedPlugin(String id, String version, Path jar, String sha256, Set<String> scopes) {
    public HostedPlugin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(jar, "jar");
        Objects.requireNonNull(sha256, "sha256");
        scopes = Set.copyOf(scopes);
    }
}
