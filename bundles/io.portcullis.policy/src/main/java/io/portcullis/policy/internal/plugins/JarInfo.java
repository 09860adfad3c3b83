package io.portcullis.policy.internal.plugins;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

/**
 * What the gate reads from a jar's bytes before the framework sees them: its SHA-256, which names the
 * exact jar a grant is for, and its symbolic name, which names the plugin.
 */
public record JarInfo(String sha256, String symbolicName) {

    public static JarInfo read(byte[] jar) throws PluginException {
        Manifest manifest;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar))) {
            manifest = in.getManifest();
        } catch (IOException | RuntimeException e) {
            throw new PluginException(PluginException.Reason.INVALID, "Not a jar file.");
        }
        if (manifest == null) {
            throw new PluginException(
                    PluginException.Reason.INVALID, "The jar has no manifest (META-INF/MANIFEST.MF first).");
        }
        String name = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        String symbolicName = name == null ? "" : name.split(";", 2)[0].trim();
        if (!PluginIds.valid(symbolicName)) {
            throw new PluginException(
                    PluginException.Reason.INVALID,
                    "The manifest needs a Bundle-SymbolicName of letters, digits, '.', '-' and '_'.");
        }
        return new JarInfo(JarStore.sha256(jar), symbolicName);
    }
}
