package io.portcullis.host.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The packages the host's class path lends to bundles ({@code org.osgi.framework.system.packages.extra}):
 * exactly what the {@code Export-Package} headers of the SPI, Jackson and SLF4J API jars name, read
 * from their manifests so the versions cannot drift from the jars. Nothing else of the class path
 * (the framework, the host itself, the log binding) is visible to a plugin.
 */
public final class SystemPackages {

    /** Symbolic names of the class-path jars whose packages plugins may import. */
    static final Pattern LENT = Pattern.compile(
            "io\\.portcullis\\.spi|com\\.fasterxml\\.jackson\\.core\\.jackson-(core|databind|annotations)|slf4j\\.api");

    private SystemPackages() {}

    /** The value of {@code system.packages.extra} for {@code classPath} (a {@code java.class.path}). */
    public static String extra(String classPath) throws IOException {
        List<String> clauses = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            Manifest manifest = entry.isEmpty() ? null : manifest(Path.of(entry));
            if (manifest == null) {
                continue;
            }
            Attributes main = manifest.getMainAttributes();
            String name = symbolicName(main.getValue("Bundle-SymbolicName"));
            String exports = main.getValue("Export-Package");
            if (name != null && exports != null && LENT.matcher(name).matches()) {
                clauses.add(exports);
            }
        }
        return String.join(",", clauses);
    }

    /** The manifest of a jar, or of a class folder (a build's output, as in tests); null if none. */
    private static @Nullable Manifest manifest(Path entry) throws IOException {
        if (Files.isDirectory(entry)) {
            Path file = entry.resolve("META-INF/MANIFEST.MF");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new Manifest(in);
            }
        }
        if (!Files.isRegularFile(entry)) {
            return null;
        }
        try (JarFile jar = new JarFile(entry.toFile(), false)) {
            return jar.getManifest();
        }
    }

    private static @Nullable String symbolicName(@Nullable String header) {
        if (header == null) {
            return null;
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
    }
}
