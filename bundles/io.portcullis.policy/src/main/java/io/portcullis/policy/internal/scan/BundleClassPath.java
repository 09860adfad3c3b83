package io.portcullis.policy.internal.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The plugin's {@code Bundle-ClassPath} (OSGi core 3.8.1), checked against the entries of its jar. A
 * class the framework never loads is still code: a plugin can read it as a resource and define it by
 * a trick the gate does not see, so a class entry outside the class path, or an embedded jar with
 * classes that is not on it, is refused rather than merely scanned.
 *
 * <p>The header is comma-separated clauses of {@code target (';' target)* (';' parameter)*}; a piece
 * with {@code =} is a parameter (attribute or directive) and is ignored, every other piece is a
 * path: {@code .} (the jar itself), a folder in the jar, or an entry that is an embedded jar. Absent
 * or blank means {@code .}. A path that escapes the jar is refused, and so is one that names nothing
 * in it, {@code ;optional} or not: the framework looks a missing path up in attached fragments, so
 * it is a hook for code that was never scanned here.
 *
 * <p>With {@code .} on the path every class entry of the jar is loadable under some name, the
 * multi-release variants under {@code META-INF/versions/} included, so only a class path without
 * {@code .} leaves class entries outside it.
 */
final class BundleClassPath {

    static final String HEADER = "Bundle-ClassPath";

    private static final String DOT = ".";

    private final boolean root;
    private final Set<String> folders; // each ends with '/'
    private final Set<String> files;

    private BundleClassPath(boolean root, Set<String> folders, Set<String> files) {
        this.root = root;
        this.folders = folders;
        this.files = files;
    }

    /**
     * Parses {@code header} ({@code null} when absent) and checks each path against {@code names},
     * the jar's entry names.
     */
    static BundleClassPath of(@Nullable String header, Set<String> names) throws ScanException {
        boolean root = false;
        Set<String> folders = new HashSet<>();
        Set<String> files = new HashSet<>();
        for (String path : paths(header == null ? "" : header)) {
            if (path.equals(DOT)) {
                root = true;
                continue;
            }
            String name = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            if (name.isEmpty() || !EntryNames.relative(name)) {
                throw new ScanException(path, HEADER + " entry outside the jar");
            }
            if (names.contains(name)) {
                files.add(name);
            } else if (isFolder(name + "/", names)) {
                folders.add(name + "/");
            } else {
                throw new ScanException(path, HEADER + " entry not in the jar");
            }
        }
        if (!root && folders.isEmpty() && files.isEmpty()) { // absent or blank: the default
            root = true;
        }
        return new BundleClassPath(root, Set.copyOf(folders), Set.copyOf(files));
    }

    /** Whether the class entry {@code name} of the jar itself is under a path the framework loads from. */
    boolean covers(String name) {
        if (root) {
            return true;
        }
        for (String folder : folders) {
            if (name.startsWith(folder)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the entry {@code name} is itself a path of the class path (an embedded jar on it). */
    boolean lists(String name) {
        return files.contains(name);
    }

    private static boolean isFolder(String prefix, Set<String> names) {
        if (names.contains(prefix)) {
            return true;
        }
        for (String name : names) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The paths of the header in order: clauses split on commas, pieces on semicolons, quotes respected. */
    static List<String> paths(String header) {
        List<String> paths = new ArrayList<>();
        for (String clause : split(header, ',')) {
            for (String piece : split(clause, ';')) {
                String value = piece.trim();
                if (value.isEmpty() || value.indexOf('=') >= 0) { // a parameter, e.g. optional:=true
                    continue;
                }
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                paths.add(value);
            }
        }
        return paths;
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }
}
