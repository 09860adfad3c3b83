package io.portcullis.policy.internal.gate;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Bundle;

/**
 * Tells core bundles from plugins by where they came from, never by name. Core: the system bundle,
 * and bundles whose canonical location (the real path, symbolic links followed) lies in the distribution's core folder (framework property
 * {@value #CORE_DIR}) and that no other bundle installed. Every other bundle is a plugin. Without the
 * property (an embedded framework such as the integration tests), a bundle is core unless it lies in
 * the deploy folder or was installed by a bundle rather than by the launcher.
 *
 * <p>Locations marked as plugins stay plugins: the gate marks every install whose origin is not the
 * system bundle, at the moment of the install event, and persists the mark in the plugins table, so
 * a plugin that installs a jar from the core folder does not make it core, even after a restart.
 */
public final class Classifier {

    public static final String CORE_DIR = "portcullis.core.dir";
    public static final String DEPLOY_DIR = "portcullis.deploy";

    private final @Nullable Path coreDir;
    private final @Nullable Path deployDir;
    private final Set<String> pluginLocations = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> coreByLocation = new ConcurrentHashMap<>();

    public Classifier(@Nullable String coreDir, @Nullable String deployDir) {
        this.coreDir = coreDir == null || coreDir.isBlank() ? null : canonical(Path.of(coreDir));
        this.deployDir = deployDir == null || deployDir.isBlank() ? null : canonical(Path.of(deployDir));
    }

    /** True when the classification rests on the core folder; false in an embedded framework. */
    public boolean hasCoreFolder() {
        return coreDir != null;
    }

    public boolean isCore(Bundle bundle) {
        if (bundle.getBundleId() == 0) {
            return true;
        }
        String location = bundle.getLocation();
        if (pluginLocations.contains(location)) {
            return false;
        }
        return coreByLocation.computeIfAbsent(location, this::inCoreFolder);
    }

    /**
     * The location rule alone, computed once per location: the hooks ask on every resolve, service
     * lookup and service event, and parsing the location into a normalised path each time would put a
     * URI parse on every lookup in the framework. A marked plugin location is checked before this.
     */
    private boolean inCoreFolder(String location) {
        @Nullable Path path = canonicalFile(location);
        if (coreDir != null) {
            return path != null && path.startsWith(coreDir);
        }
        if (path == null) {
            return !location.startsWith("file:")
                    && !location.startsWith("reference:"); // a malformed file URI is no core
        }
        return deployDir == null || !path.startsWith(deployDir);
    }

    public boolean isPlugin(Bundle bundle) {
        return !isCore(bundle);
    }

    /** Marks {@code location} as a plugin's for good. */
    public void markPlugin(String location) {
        pluginLocations.add(location);
    }

    /**
     * The canonical file behind a location, or null when it cannot be proved: the real path (symbolic
     * links followed, the file system's own spelling of each name) of an existing file; for a file
     * that does not exist, its normalised path, unless the location climbs with {@code ..}, which a
     * symbolic link could make land anywhere.
     */
    static @Nullable Path canonicalFile(String location) {
        @Nullable Path raw = rawFilePath(location);
        if (raw == null) {
            return null;
        }
        Path absolute = raw.toAbsolutePath();
        try {
            return absolute.toRealPath();
        } catch (IOException | SecurityException e) {
            for (Path name : absolute) {
                if (name.toString().equals("..")) {
                    return null;
                }
            }
            return absolute.normalize();
        }
    }

    /** The real path where it exists, the absolute normalised path otherwise. */
    private static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath();
        try {
            return absolute.toRealPath();
        } catch (IOException | SecurityException e) {
            return absolute.normalize();
        }
    }

    /** The file behind a location as spelt, {@code ..} kept, or null. */
    private static @Nullable Path rawFilePath(String location) {
        String uri = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!uri.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(URI.create(uri));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null;
        }
    }

    /** The normalised file behind a {@code file:} or {@code reference:file:} location, or null. */
    public static @Nullable Path filePath(String location) {
        String uri = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!uri.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(URI.create(uri)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            return null; // not a usable file URI: never core
        }
    }
}
