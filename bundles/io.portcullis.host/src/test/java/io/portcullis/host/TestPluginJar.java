package io.portcullis.host;

import io.portcullis.host.testplugin.ExtraTool;
import io.portcullis.host.testplugin.ProbeChannel;
import io.portcullis.host.testplugin.ProbeLines;
import io.portcullis.host.testplugin.ProbeModel;
import io.portcullis.host.testplugin.ProbeTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds the test plugin: {@link ProbeTool}, {@link ProbeModel} and {@link ProbeChannel} as DS
 * components with hand-written descriptors, requiring the scope net.egress.
 */
public final class TestPluginJar {

    public static final String ID = "test.probe";
    public static final String SCOPE = "net.egress";

    private static final Map<String, Class<?>> COMPONENTS = Map.of(
            "io.portcullis.spi.Tool", ProbeTool.class,
            "io.portcullis.spi.ModelProvider", ProbeModel.class,
            "io.portcullis.spi.Channel", ProbeChannel.class);

    private TestPluginJar() {}

    public static Path write(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", ID);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "io.portcullis.spi;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.8,2)\"");
        main.putValue("Service-Component", "OSGI-INF/*.xml");
        main.putValue(
                "Require-Capability",
                "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.3.0)(!(version>=2.0.0)))\","
                        + "io.portcullis.scope;filter:=\"(io.portcullis.scope=" + SCOPE + ")\"");
        Files.createDirectories(jar.getParent());
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, Class<?>> component : COMPONENTS.entrySet()) {
                String name = component.getValue().getSimpleName();
                out.putNextEntry(new JarEntry("OSGI-INF/" + name + ".xml"));
                out.write(descriptor(name, component.getKey(), component.getValue())
                        .getBytes(StandardCharsets.UTF_8));
            }
            for (Class<?> type :
                    List.of(ProbeTool.class, ExtraTool.class, ProbeModel.class, ProbeLines.class, ProbeChannel.class)) {
                String classFile = type.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(classFile));
                try (InputStream in = type.getClassLoader().getResourceAsStream(classFile)) {
                    in.transferTo(out);
                }
            }
        }
        return jar;
    }

    private static String descriptor(String name, String service, Class<?> implementation) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s">
                  <implementation class="%s"/>
                  <service><provide interface="%s"/></service>
                </scr:component>
                """.formatted(name, implementation.getName(), service);
    }
}
