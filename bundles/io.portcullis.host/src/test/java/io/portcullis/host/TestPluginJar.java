package io.portcullis.host;

import io.portcullis.host.testplugin.ProbeTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Builds the test plugin: {@link ProbeTool} as a DS component, requiring the scope net.egress. */
public final class TestPluginJar {

    public static final String ID = "test.probe";
    public static final String SCOPE = "net.egress";

    private static final String COMPONENT = """
            <?xml version="1.0" encoding="UTF-8"?>
            <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="test.probe">
              <implementation class="io.portcullis.host.testplugin.ProbeTool"/>
              <service><provide interface="io.portcullis.spi.Tool"/></service>
            </scr:component>
            """;

    private TestPluginJar() {}

    public static Path write(Path jar) throws IOException {
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
                        + "io.portcullis.scope;filter:=\"(io.portcullis.scope=" + SCOPE + ")\"");
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
}
