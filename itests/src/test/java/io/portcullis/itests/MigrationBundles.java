package io.portcullis.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes bundles that hold nothing but migrations, to test the store's migration extender. */
final class MigrationBundles {

    private MigrationBundles() {}

    static Path write(String symbolicName, String version, String schema, Map<String, String> migrations)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        main.putValue("Portcullis-Schema", schema);
        Path jar = Files.createTempFile(symbolicName + "-" + version, ".jar");
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out, manifest)) {
            zip.putNextEntry(new JarEntry("db/"));
            zip.putNextEntry(new JarEntry("db/migration/"));
            for (Map.Entry<String, String> m : migrations.entrySet()) {
                zip.putNextEntry(new JarEntry("db/migration/" + m.getKey()));
                zip.write(m.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }
}
