package io.portcullis.policy.internal.scan;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;

/**
 * Refuses a jar whose entry names could make the framework read something the scan did not: the
 * JDK's {@code ZipFile.getEntry("a/B.class")} falls back to an entry {@code a/B.class/}, a duplicate
 * name leaves which copy wins to the reader, a second manifest in another case may be read by
 * another tool, and an absolute or {@code ..} name escapes wherever the jar is unpacked.
 */
final class EntryNames {

    static final String MANIFEST = "META-INF/MANIFEST.MF";

    private EntryNames() {}

    /** Checks every name of one jar; {@code source} prefixes the entry in the message. */
    static void check(List<? extends ZipEntry> entries, String source) throws ScanException {
        Set<String> names = new HashSet<>();
        for (ZipEntry entry : entries) {
            String name = entry.getName();
            String where = source.isEmpty() ? name : source + "!/" + name;
            if (!names.add(name)) {
                throw new ScanException(where, "duplicate entry name");
            }
            if (!relative(name)) {
                throw new ScanException(where, "entry name not relative to the jar");
            }
            if (name.toLowerCase(Locale.ROOT).equals(MANIFEST.toLowerCase(Locale.ROOT)) && !name.equals(MANIFEST)) {
                throw new ScanException(where, "manifest name in another case");
            }
            if (name.endsWith(".class/")) {
                throw new ScanException(where, "directory named like a class file");
            }
        }
        for (String name : names) {
            if (name.endsWith("/") && names.contains(name.substring(0, name.length() - 1))) {
                throw new ScanException(
                        source.isEmpty() ? name : source + "!/" + name, "entry both a directory and a file");
            }
        }
    }

    /** Whether {@code name} stays inside the jar wherever it is unpacked: no root, drive, backslash, {@code .} or {@code ..}. */
    static boolean relative(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return false;
            }
        }
        return true;
    }
}
