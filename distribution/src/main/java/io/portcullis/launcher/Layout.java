package io.portcullis.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The folders of an installed server; the data folder may be moved with {@code PORTCULLIS_DATA}. */
public record Layout(Path home, Path bundles, Path deploy, Path config, Path data) {

    /** The folders, checked and created: {@link #locate} then {@link #prepare}. */
    public static Layout of(Path home, Map<String, String> env) throws StartupException {
        Layout layout = locate(home, env);
        layout.prepare();
        return layout;
    }

    /** The folders, with nothing written yet: the launcher checks what it can before it creates any. */
    public static Layout locate(Path home, Map<String, String> env) throws StartupException {
        String dataOverride = env.get("PORTCULLIS_DATA");
        Path data = dataOverride == null || dataOverride.isBlank()
                ? home.resolve("data")
                : Path.of(dataOverride).toAbsolutePath().normalize(); // relative to the working folder
        Layout layout = new Layout(home, home.resolve("bundle"), home.resolve("deploy"), home.resolve("config"), data);
        if (!Files.isDirectory(layout.bundles)) {
            throw new StartupException(
                    "no bundle folder at " + layout.bundles + ": is this a Portcullis distribution?");
        }
        return layout;
    }

    /** Creates the folders the server writes to, and proves the data folder writable. */
    public void prepare() throws StartupException {
        try {
            Files.createDirectories(deploy);
            Files.createDirectories(config);
            Files.createDirectories(data);
            Path probe = Files.createTempFile(data, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupException(
                    "data folder " + data + " is not writable (set PORTCULLIS_DATA to a writable folder)");
        }
    }

    public Path frameworkStorage() {
        return data.resolve("felix-cache");
    }
}
