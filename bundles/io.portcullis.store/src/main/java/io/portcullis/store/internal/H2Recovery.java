package io.portcullis.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes H2 find every commit it wrote before the process was killed.
 *
 * <p>Why (issue 12, "acknowledged means durable"): with {@code WRITE_DELAY=0} every H2 commit is
 * written to the {@code .mv.db} file before it returns, so after a {@code kill -9} the bytes are there.
 * But H2 2.x's MVStore does not always find them when it opens a file that was not closed cleanly: it
 * takes the newest chunk from the file header, from the chunk at the end of the file and from each
 * chunk's guess of where the next one goes. The header is rewritten only every ~20 versions or when a
 * guess failed, and then it names the chunk <em>before</em> the one being written
 * ({@code RandomAccessStore.writeChunk} runs before {@code FileStore.storeBuffer} sets
 * {@code lastChunk}). Once freed space is reused (after {@code RETENTION_TIME}, 45 s, so a server that
 * has run a while under light load), new chunks go into holes in the middle of the file, and the last
 * of them (up to ~20 commits, seconds of acknowledged work) are unreachable: H2 quietly opens an older
 * version. Heavy load hid it: its large chunks land at the end of the file, where H2 looks.
 *
 * <p>The fix: before the pool opens an H2 file whose header lacks H2's clean-shutdown mark, the file is
 * opened once with MVStore's recovery mode, which scans every block for chunks and keeps the newest
 * complete version, and then closed, which writes a header naming that version (with the clean mark).
 * H2 then opens exactly what was committed. A cleanly closed file is not scanned.
 */
final class H2Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(H2Recovery.class);
    private static final String FILE_PREFIX = "jdbc:h2:file:";
    private static final int HEADER_BYTES = 4096;

    private H2Recovery() {}

    /**
     * Repairs the file of the H2 database at {@code url} if it was not closed cleanly; does nothing for
     * in-memory, server or encrypted databases, nor for a file that does not exist yet.
     *
     * @return true when the file was scanned and its header rewritten
     * @throws StoreException when the file cannot be read or repaired (the database would not open either)
     */
    static boolean repairIfUnclean(String url) throws StoreException {
        Path file = fileOf(url);
        if (file == null || !Files.isRegularFile(file) || cleanlyClosed(file)) {
            return false;
        }
        long started = System.nanoTime();
        try {
            MVStore store = new MVStore.Builder()
                    .fileName(file.toString())
                    .recoveryMode()
                    .autoCommitDisabled()
                    .open();
            long version = store.getCurrentVersion();
            store.close();
            LOG.info(
                    "H2 was not closed cleanly: scanned '{}' for its last commit (version {}) in {} ms",
                    file.getFileName(),
                    version,
                    (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (MVStoreException | IllegalStateException e) {
            throw new StoreException(
                    "the H2 file '" + file + "' could not be recovered after an unclean stop: "
                            + JdbcUrls.oneLine(String.valueOf(e.getMessage()), ""),
                    e);
        }
    }

    /** The {@code .mv.db} file of a plain {@code jdbc:h2:file:} URL, or null when there is none to repair. */
    static @Nullable Path fileOf(String url) {
        if (!url.regionMatches(true, 0, FILE_PREFIX, 0, FILE_PREFIX.length())) {
            return null;
        }
        String options = url.toUpperCase(Locale.ROOT);
        if (options.contains(";CIPHER=") || options.contains(";ACCESS_MODE_DATA=R")) {
            return null; // encrypted (no key here) or read-only: H2 alone decides
        }
        int end = url.indexOf(';');
        String path = url.substring(FILE_PREFIX.length(), end < 0 ? url.length() : end);
        if (path.isEmpty() || path.startsWith("~") || path.contains(":")) {
            return null; // home-relative or another file system (split:, nio:, ...)
        }
        return Path.of(path + ".mv.db");
    }

    /**
     * Whether the file header ({@code H:2,block:..,clean:1,...,fletcher:..} in its first block) carries
     * H2's clean-shutdown mark. Only a clean close writes it; anything else gets the scan.
     */
    static boolean cleanlyClosed(Path file) throws StoreException {
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(HEADER_BYTES);
        } catch (IOException e) {
            throw new StoreException("the H2 file '" + file + "' cannot be read: " + e.getMessage(), e);
        }
        String text = new String(header, StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        return end > 0 && Arrays.asList(text.substring(0, end).split(",")).contains("clean:1");
    }
}
