package io.portcullis.hosts.internal;

import io.portcullis.host.HostMain;
import io.portcullis.hosts.internal.probe.ProbeTool;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * For tests that start the real plugin host: a {@code lib/host} folder built from the host module's
 * output and {@code target/host-lib} (as io.portcullis.host's own tests do), and the probe plugin jar
 * ({@link ProbeTool} as a DS component requiring the scope {@code net.egress}).
 */
final class ProbePlugin {

    static final String ID = "test.probe";

    private static final String COMPONENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="test.probe">
              <implementation class="io.portcullis.hosts.internal.probe.ProbeTool"/>
              <service><provide interface="io.portcullis.spi.Tool"/></service>
            </scr:component>
            """;

    private ProbePlugin() {}

    /** A {@code lib/host} folder under {@code work}. */
    static Path hostLib(Path work) throws IOException {
        Path built = Path.of("target", "host-lib").toAbsolutePath();
        if (!Files.isDirectory(built)) {
            throw new IllegalStateException("target/host-lib is missing: run the build's process-test-resources");
        }
        Path root = work.resolve("lib").resolve("host");
        Files.createDirectories(root.resolve("classpath"));
        Files.createDirectories(root.resolve("bundles"));
        copyJars(built.resolve("classpath"), root.resolve("classpath"));
        copyJars(built.resolve("bundles"), root.resolve("bundles"));
        asJar(codeSource(HostMain.class), root.resolve("classpath").resolve("io.portcullis.host.jar"));
        asJar(
                codeSource(io.portcullis.spi.Tool.class),
                root.resolve("classpath").resolve("io.portcullis.spi.jar"));
        return root;
    }

    static Path jar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", ID);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "io.portcullis.spi;version=\"[1.0,2)\"");
        main.putValue("Service-Component", "OSGI-INF/probe.xml");
        main.putValue(
                "Require-Capability",
                "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.3.0)(!(version>=2.0.0)))\","
                        + "io.portcullis.scope;filter:=\"(io.portcullis.scope=net.egress)\"");
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry("OSGI-INF/probe.xml"));
            out.write(COMPONENT.getBytes(StandardCharsets.UTF_8));
            String classFile = ProbeTool.class.getName().replace('.', '/') + ".class";
            out.putNextEntry(new JarEntry(classFile));
            try (InputStream in = ProbeTool.class.getClassLoader().getResourceAsStream(classFile)) {
                in.transferTo(out);
            }
        }
        return jar;
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
