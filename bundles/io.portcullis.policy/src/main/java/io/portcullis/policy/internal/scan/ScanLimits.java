package io.portcullis.policy.internal.scan;

/**
 * Bounds on what one scan reads, so a hostile jar (zip bomb, millions of classes, jars nested without
 * end) costs bounded memory and time. Exceeding any of them fails the scan rather than skipping the
 * rest: skipping would let a plugin hide its classes behind padding.
 *
 * @param maxClasses class entries read overall, embedded jars included
 * @param maxClassBytes uncompressed class bytes read overall
 * @param maxJarBytes uncompressed bytes of embedded jars copied out overall (each level counts);
 *     not in the first brief, added because an embedded jar is itself a zip bomb candidate
 * @param maxDepth how deep embedded jars may nest ({@code 3}: {@code a.jar!/b.jar!/c.jar})
 */
record ScanLimits(int maxClasses, long maxClassBytes, long maxJarBytes, int maxDepth) {

    /** 20,000 classes, 64 MB of class bytes, 256 MB of embedded jars, depth 3. */
    static final ScanLimits DEFAULT = new ScanLimits(20_000, 64L << 20, 256L << 20, 3);

    ScanLimits {
        if (maxClasses < 1 || maxClassBytes < 1 || maxJarBytes < 0 || maxDepth < 0) {
            throw new IllegalArgumentException("scan limits must be positive");
        }
    }
}
