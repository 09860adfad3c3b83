package io.portcullis.policy.internal.scan;

import java.nio.file.Path;

/**
 * The install-time bytecode scan: which JVM capabilities a plugin jar uses directly, in its own
 * classes and in every jar it embeds (up to three levels deep), multi-release variants under
 * {@code META-INF/versions/} included since they run on newer JDKs; {@code module-info.class} is
 * skipped. It makes a plugin's reach visible before anyone grants it; reflection and code loaded at
 * run time escape it, which is why loading classes by computed names is itself a finding.
 *
 * <p>Thread-safe and stateless: each scan has its own {@link JarWalk} with its own budget.
 */
public final class BytecodeScanner {

    private final ScanLimits limits;

    public BytecodeScanner() {
        this(ScanLimits.DEFAULT);
    }

    /** With other limits, so tests can exceed them cheaply. */
    BytecodeScanner(ScanLimits limits) {
        this.limits = limits;
    }

    /**
     * Scans every {@code .class} entry of the jar bytes, and recursively every embedded jar.
     *
     * @throws ScanException when the bytes are not a jar, an entry name is odd (see {@code EntryNames}),
     *     a directory entry has content, the manifest declares native code, its {@code Bundle-ClassPath}
     *     leaves the jar or names nothing in it, a class entry or an embedded jar with classes lies off
     *     that class path (see {@code BundleClassPath}), a class file is corrupt or
     *     of an unsupported version, or a limit is exceeded; the plugin must then be rejected
     */
    public ScanReport scan(byte[] jar) throws ScanException {
        JarWalk walk = new JarWalk(limits);
        Path file = TempJar.write(jar);
        try {
            walk.walk(file, "", 0);
        } finally {
            TempJar.delete(file);
        }
        return new ScanReport(walk.findings(), walk.classesScanned());
    }
}
