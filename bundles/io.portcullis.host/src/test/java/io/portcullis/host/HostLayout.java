package io.portcullis.host;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * A {@code lib/host} folder ({@code classpath/} and {@code bundles/}) for tests and the boundary
 * benchmark: the distribution's when the system property {@code portcullis.host.lib} names one, else
 * built from this module's output, the SPI on the test class path and {@code target/host-lib}.
 */
public record HostLayout(Path root) {

    public Path classpath() {
        return root.resolve("classpath");
    }

    public Path bundles() {
        return root.resolve("bundles");
    }

    public static HostLayout create(Path work) throws IOException {
        String given = System.getProperty("portcullis.host.lib");
        if (given != null && !given.isBlank()) {
            return new HostLayout(Path.of(given).toAbsolutePath());
        }
        Path classes = codeSource(HostMain.class);
        Path hostLib = classes.getParent().resolve("host-lib");
        if (!Files.isDirectory(hostLib)) {
            throw new IllegalStateException(hostLib + " is missing: run the build's process-test-resources");
        }
        HostLayout layout = new HostLayout(work.resolve("host"));
        Files.createDirectories(layout.classpath());
        Files.createDirectories(layout.bundles());
        copyJars(hostLib.resolve("classpath"), layout.classpath());
        copyJars(hostLib.resolve("bundles"), layout.bundles());
        asJar(classes, layout.classpath().resolve("io.portcullis.host.jar"));
        asJar(codeSource(io.portcullis.spi.Tool.class), layout.classpath().resolve("io.portcullis.spi.jar"));
        return layout;
    }

    /** The host's JVM command after the java executable: class path, bundles, main class, arguments. */
    public static List<String> hostArguments(Path root, String pluginJar, String pluginId, String scopes) {
        return List.of(
                "-cp",
                root.resolve("classpath") + File.separator + "*",
                "-D" + HostMain.BUNDLES + "=" + root.resolve("bundles"),
                HostMain.class.getName(),
                pluginJar,
                pluginId,
                scopes);
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyJars(Path from, Path to) throws IOException {
        try (Stream<Path> jars = Files.list(from)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, to.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Copies a jar, or packs a class folder (with its bnd manifest) into one. */
    private static void asJar(Path source, Path jar) throws IOException {
        if (Files.isRegularFile(source)) {
            Files.copy(source, jar, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Manifest manifest;
        try (InputStream in = Files.newInputStream(source.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                Stream<Path> files = Files.walk(source)) {
            for (Path path : files.filter(Files::isRegularFile).toList()) {
                String name = source.relativize(path).toString().replace(File.separatorChar, '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(name));
                Files.copy(path, out);
            }
        }
    }
}
