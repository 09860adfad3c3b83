package io.portcullis.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.osgi.framework.Bundle;

/**
 * A bundle's scripts, read with {@link Bundle#findEntries}: its own jar and attached fragments, no
 * class loading, so it works in the {@code STARTING} state and needs no import or export of the folder.
 */
final class BundleMigrationSource implements MigrationSource {

    private final Bundle bundle;

    BundleMigrationSource(Bundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public List<MigrationFile> files(String folder) throws IOException {
        List<MigrationFile> files = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries(folder, "*.sql", false);
        if (entries == null) {
            return files;
        }
        while (entries.hasMoreElements()) {
            URL url = entries.nextElement();
            try (InputStream in = url.openStream()) {
                String path = url.getPath().startsWith("/") ? url.getPath().substring(1) : url.getPath();
                files.add(new MigrationFile(path, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
        }
        return files;
    }
}
