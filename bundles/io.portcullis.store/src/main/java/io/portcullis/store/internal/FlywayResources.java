package io.portcullis.store.internal;

import java.io.Reader;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;
import org.jspecify.annotations.Nullable;

/**
 * Hands Flyway the scripts of one bundle instead of letting it scan a class path. The relative path
 * (recorded in the history table) is the file name, so moving a script between the common and an
 * engine folder does not change its identity.
 */
final class FlywayResources implements ResourceProvider {

    private final List<MigrationFile> files;

    FlywayResources(List<MigrationFile> files) {
        this.files = List.copyOf(files);
    }

    @Override
    public @Nullable LoadableResource getResource(String name) {
        return files.stream()
                .filter(file -> file.path().equals(name) || file.fileName().equals(name))
                .findFirst()
                .map(Script::new)
                .orElse(null);
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return files.stream()
                .filter(file -> file.fileName().startsWith(prefix))
                .filter(file -> Arrays.stream(suffixes)
                        .anyMatch(suffix -> file.fileName().endsWith(suffix)))
                .<LoadableResource>map(Script::new)
                .toList();
    }

    private static final class Script extends LoadableResource {

        private final MigrationFile file;

        Script(MigrationFile file) {
            this.file = file;
        }

        @Override
        public Reader read() {
            return new StringReader(file.sql());
        }

        @Override
        public String getAbsolutePath() {
            return file.path();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return file.path();
        }

        @Override
        public String getFilename() {
            return file.fileName();
        }

        @Override
        public String getRelativePath() {
            return file.fileName();
        }
    }
}
