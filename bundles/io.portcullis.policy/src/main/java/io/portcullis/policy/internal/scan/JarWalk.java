package io.portcullis.policy.internal.scan;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

/**
 * One scan's walk over a jar and the jars it embeds, with the budget of {@link ScanLimits}; so one
 * instance per scan, never shared.
 *
 * <p>Jars are read with {@link ZipFile} from a temporary file, not streamed with
 * {@code ZipInputStream}: the framework loads classes through the central directory, and a jar
 * whose local headers disagree with it (hidden or shadowed entries) must be scanned as the framework
 * will see it. Every entry is read through a bounded copy, so the declared sizes are never trusted.
 * An embedded archive is any entry named {@code *.jar}, or any entry whose bytes start like a zip
 * (a {@code Bundle-ClassPath} entry can have any name). The plugin jar's own class entries must lie on
 * its {@code Bundle-ClassPath}, and an embedded jar that holds classes must be on it: see
 * {@link BundleClassPath}.
 */
final class JarWalk {

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    /** The newest class file version ASM 9.8 reads (Java 25). */
    private static final int NEWEST_MAJOR = Opcodes.V25 & 0xffff;

    private static final int MAX_MANIFEST_BYTES = 1 << 20;

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::source)
            .thenComparing(Finding::className)
            .thenComparing(Finding::method)
            .thenComparing(Finding::call);

    private final ScanLimits limits;
    private final Set<Finding> findings = new TreeSet<>(ORDER); // same (source, class, method, call): one finding
    private int classes;
    private long classBytes;
    private long jarBytes;

    JarWalk(ScanLimits limits) {
        this.limits = limits;
    }

    /** The findings so far, in report order. */
    List<Finding> findings() {
        return List.copyOf(findings);
    }

    int classesScanned() {
        return classes;
    }

    /** Scans the jar at {@code file}; {@code source} is {@code ""} for the plugin itself. */
    void walk(Path file, String source, int depth) throws ScanException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            EntryNames.check(entries, source);
            @Nullable BundleClassPath path = source.isEmpty() ? outerShape(zip, entries) : null;
            for (ZipEntry entry : entries) { // directory-shaped names too: their bytes are readable
                visit(zip, entry, source, depth, path);
            }
        } catch (IOException | IllegalArgumentException e) { // some JDKs report a malformed entry name unchecked
            throw new ScanException(source, source.isEmpty() ? "not a readable jar" : "embedded jar not readable", e);
        }
    }

    /**
     * The plugin jar's own shape, checked before any class is read: its manifest, and every class
     * entry against its {@code Bundle-ClassPath}, the first one outside it named.
     */
    private static BundleClassPath outerShape(ZipFile zip, List<? extends ZipEntry> entries) throws ScanException {
        ZipEntry manifest = zip.getEntry(EntryNames.MANIFEST);
        @Nullable String header = null;
        if (manifest != null && !manifest.isDirectory()) {
            try {
                header = checkManifest(zip, manifest, EntryNames.MANIFEST).getValue(BundleClassPath.HEADER);
            } catch (IOException e) {
                throw new ScanException(EntryNames.MANIFEST, "entry not readable", e);
            }
        }
        Set<String> names = new HashSet<>();
        entries.forEach(entry -> names.add(entry.getName()));
        BundleClassPath path = BundleClassPath.of(header, names);
        for (ZipEntry entry : entries) {
            String name = entry.getName();
            if (!entry.isDirectory() && name.endsWith(".class") && !path.covers(name)) {
                throw new ScanException(name, "class outside " + BundleClassPath.HEADER);
            }
        }
        return path;
    }

    private void visit(ZipFile zip, ZipEntry entry, String source, int depth, @Nullable BundleClassPath path)
            throws ScanException {
        String name = entry.getName();
        String where = source.isEmpty() ? name : source + "!/" + name;
        try {
            if (entry.isDirectory()) {
                requireEmpty(zip, entry, where);
            } else if (source.isEmpty() && name.equals(EntryNames.MANIFEST)) {
                return; // read by outerShape
            } else if (name.endsWith(".class")) {
                if (!name.equals("module-info.class") && !name.endsWith("/module-info.class")) {
                    scanClass(read(zip, entry, where), source, where);
                }
            } else if (isArchive(zip, entry)) {
                int before = classes;
                embedded(zip, entry, where, depth + 1);
                if (path != null && classes > before && !path.lists(name)) { // hidden code, at any depth inside
                    throw new ScanException(where, "embedded jar with classes not on " + BundleClassPath.HEADER);
                }
            }
        } catch (IOException e) {
            throw new ScanException(where, "entry not readable", e);
        }
    }

    /** A directory entry with bytes is a file the framework can still be handed under a slash-less name. */
    private static void requireEmpty(ZipFile zip, ZipEntry entry, String where) throws IOException, ScanException {
        try (InputStream in = zip.getInputStream(entry)) {
            if (in.read() >= 0) {
                throw new ScanException(where, "directory entry with content");
            }
        }
    }

    /** Native code runs outside every check the gate has; no grant allows it. Returns the main attributes. */
    private static Attributes checkManifest(ZipFile zip, ZipEntry entry, String where)
            throws IOException, ScanException {
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
        }
        if (bytes.length > MAX_MANIFEST_BYTES) {
            throw new ScanException(where, "manifest over " + size(MAX_MANIFEST_BYTES));
        }
        Attributes main = new Manifest(new ByteArrayInputStream(bytes)).getMainAttributes();
        if (main.getValue("Bundle-NativeCode") != null) {
            throw new ScanException(where, "native code (Bundle-NativeCode) is never allowed");
        }
        return main;
    }

    private byte[] read(ZipFile zip, ZipEntry entry, String where) throws IOException, ScanException {
        if (++classes > limits.maxClasses()) {
            throw new ScanException(where, "more than " + limits.maxClasses() + " class files");
        }
        long room = limits.maxClassBytes() - classBytes;
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = in.readNBytes((int) Math.min(room + 1, Integer.MAX_VALUE - 16));
            if (bytes.length > room) {
                throw new ScanException(where, "class files over " + size(limits.maxClassBytes()) + " uncompressed");
            }
            classBytes += bytes.length;
            return bytes;
        }
    }

    private void scanClass(byte[] bytes, String source, String where) throws ScanException {
        if (bytes.length < 8
                || (bytes[0] & 0xff) != 0xca
                || (bytes[1] & 0xff) != 0xfe
                || (bytes[2] & 0xff) != 0xba
                || (bytes[3] & 0xff) != 0xbe) {
            throw new ScanException(where, "not a class file");
        }
        int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
        if (major > NEWEST_MAJOR) {
            throw new ScanException(where, "unsupported class file version " + major);
        }
        try {
            new ClassReader(bytes)
                    .accept(new ClassScan(source, findings::add), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) { // ASM's answer to a malformed class: fail closed
            throw new ScanException(where, "corrupt class file", e);
        }
    }

    private static boolean isArchive(ZipFile zip, ZipEntry entry) throws IOException {
        if (entry.getName().toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return true;
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Arrays.equals(in.readNBytes(ZIP_MAGIC.length), ZIP_MAGIC);
        }
    }

    private void embedded(ZipFile zip, ZipEntry entry, String where, int depth) throws IOException, ScanException {
        if (depth > limits.maxDepth()) {
            throw new ScanException(where, "embedded jars nested deeper than " + limits.maxDepth());
        }
        Path copy = TempJar.create();
        try {
            try (InputStream in = zip.getInputStream(entry);
                    OutputStream out = Files.newOutputStream(copy)) {
                copyBounded(in, out, where);
            }
            walk(copy, where, depth);
        } finally {
            TempJar.delete(copy);
        }
    }

    private void copyBounded(InputStream in, OutputStream out, String where) throws IOException, ScanException {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            jarBytes += n;
            if (jarBytes > limits.maxJarBytes()) {
                throw new ScanException(where, "embedded jars over " + size(limits.maxJarBytes()) + " uncompressed");
            }
            out.write(buffer, 0, n);
        }
    }

    private static String size(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }
}
