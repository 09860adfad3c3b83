package io.portcullis.policy.internal.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;

/** Jars built in memory from the compiled sample classes, so the scanner reads real javac output. */
final class TestJars {

    private TestJars() {}

    /** The entry name of a class: {@code io/portcullis/.../OpensSocket.class}. */
    static String entry(Class<?> type) {
        return type.getName().replace('.', '/') + ".class";
    }

    /** The class file javac wrote for {@code type}, read from the test class path. */
    static byte[] classBytes(Class<?> type) {
        try (InputStream in = type.getResourceAsStream("/" + entry(type))) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + type);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar holding the class files of {@code types} at their usual paths. */
    static byte[] jarOf(Class<?>... types) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (Class<?> type : types) {
            entries.put(entry(type), classBytes(type));
        }
        return jar(entries);
    }

    /** A manifest entry's bytes with {@code Bundle-ClassPath: classPath}. */
    static byte[] manifest(String classPath) {
        return ("Manifest-Version: 1.0\r\nBundle-SymbolicName: com.example.tool\r\nBundle-ClassPath: " + classPath
                        + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A jar holding {@code entries} (name → bytes) in order. */
    static byte[] jar(Map<String, byte[]> entries) {
        return jar(entries, Deflater.DEFAULT_COMPRESSION);
    }

    /** A jar compressed at {@code level}; {@link Deflater#NO_COMPRESSION} makes it as large as its content. */
    static byte[] jar(Map<String, byte[]> entries, int level) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes)) {
            out.setLevel(level);
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
