package io.portcullis.policy.internal.scan.samples;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Touches the disk three ways; building a {@code File} or converting a {@code Path} alone does not. */
public class ReadsFiles {

    InputStream stream() throws IOException {
        return new FileInputStream("data.txt");
    }

    String text() throws IOException {
        return Files.readString(Path.of("data.txt"));
    }

    boolean probe() {
        return new File("/etc/passwd").exists();
    }

    File name() {
        return Path.of("a", "b").toFile();
    }

    String path() {
        return new File("a", "b").getPath();
    }
}
