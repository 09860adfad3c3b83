package io.portcullis.store.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scripts from a map of path to SQL, laid out as a bundle would hold them. */
final class MapMigrationSource implements MigrationSource {

    private final Map<String, String> scripts = new LinkedHashMap<>();

    /** Adds or replaces the script at {@code path}. */
    MapMigrationSource with(String path, String sql) {
        scripts.put(path, sql);
        return this;
    }

    @Override
    public List<MigrationFile> files(String folder) {
        return scripts.entrySet().stream()
                .filter(script -> folderOf(script.getKey()).equals(folder)
                        && script.getKey().endsWith(".sql"))
                .map(script -> new MigrationFile(script.getKey(), script.getValue()))
                .toList();
    }

    private static String folderOf(String path) {
        return path.substring(0, Math.max(0, path.lastIndexOf('/')));
    }
}
