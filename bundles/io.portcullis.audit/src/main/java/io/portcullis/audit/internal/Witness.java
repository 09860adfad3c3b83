package io.portcullis.audit.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The durable witness of each chain's head, kept outside the database: after every committed batch the
 * writer appends one line {@code <chain> <sequence> <hash>} per chain it extended and syncs the file
 * before it answers any caller. So whatever a caller was told is on the record is also here, and
 * {@code verify} can tell a database whose tail was cut or rewritten (a lost commit, a restored backup,
 * someone with write access to the table) from an intact one: a chain can prove its records link, not
 * that its last ones are still there.
 *
 * <p>The file only grows between compactions: past {@link #COMPACT_BYTES} it is rewritten (to a new
 * file, synced, then moved over the old one) with the latest head of each chain, plus every head that
 * was followed by a lower or equal sequence number (a chain that went back: the evidence of a loss is
 * never compacted away). A torn last line (the process died mid-write) is cut when the file is opened,
 * and skipped when it is read.
 *
 * <p>One writer per data folder; {@link #read} may run concurrently with it.
 */
public final class Witness implements AutoCloseable {

    /** One chain head as witnessed. */
    public record Head(String chain, long sequence, String hash) {

        String line() {
            return chain + ' ' + sequence + ' ' + hash + '\n';
        }
    }

    /** The witness file inside the server's data folder. */
    public static final String FILE = "audit/witness.log";

    /** Framework property naming the server's data folder, set by the launcher (as the store reads it). */
    public static final String DATA_PROPERTY = "portcullis.data";

    /** The witness file in {@code dataFolder} (the framework property's value; null or blank: {@code data}). */
    public static Path file(@Nullable String dataFolder) {
        String folder = dataFolder == null || dataFolder.isBlank() ? "data" : dataFolder;
        return Path.of(folder).toAbsolutePath().resolve(FILE);
    }

    static final long COMPACT_BYTES = 4L << 20;

    private static final Pattern LINE = Pattern.compile("[A-Za-z0-9_-]{1,64} [0-9]{1,18} [0-9a-f]{1,128}");

    private final Path file;
    private final long compactBytes;
    private final Map<String, Head> latest = new LinkedHashMap<>();
    private final Map<String, List<Head>> rewound = new LinkedHashMap<>();
    private FileChannel channel;

    private Witness(Path file, long compactBytes) throws IOException {
        this.file = file;
        this.compactBytes = compactBytes;
        for (Head head : readAll(file)) {
            remember(head);
        }
        cutTornLine(file);
        this.channel = openForAppend(file);
    }

    /** Opens (or creates) the witness at {@code file}, cutting a torn last line. */
    public static Witness open(Path file) throws IOException {
        return open(file, COMPACT_BYTES);
    }

    static Witness open(Path file, long compactBytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return new Witness(file, compactBytes);
    }

    /** Appends {@code heads} and syncs them to the device; compacts the file when it has grown too large. */
    public synchronized void append(Collection<Head> heads) throws IOException {
        if (heads.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder(heads.size() * 96);
        for (Head head : heads) {
            lines.append(head.line());
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        channel.force(false);
        for (Head head : heads) {
            remember(head);
        }
        if (channel.size() > compactBytes) {
            compact();
        }
    }

    /** The latest witnessed head of {@code chain}, or null. */
    public synchronized @Nullable Head latest(String chain) {
        return latest.get(chain);
    }

    /**
     * Every head of {@code chain} in the file at {@code file}, in the order they were witnessed; empty
     * when there is no file.
     */
    public static List<Head> read(Path file, String chain) throws IOException {
        List<Head> heads = new ArrayList<>();
        for (Head head : readAll(file)) {
            if (head.chain().equals(chain)) {
                heads.add(head);
            }
        }
        return heads;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

    private void remember(Head head) {
        Head before = latest.put(head.chain(), head);
        if (before != null && head.sequence() <= before.sequence()) {
            rewound.computeIfAbsent(head.chain(), chain -> new ArrayList<>()).add(before);
        }
    }

    private void compact() throws IOException {
        StringBuilder lines = new StringBuilder();
        for (Map.Entry<String, Head> chain : latest.entrySet()) {
            for (Head evidence : rewound.getOrDefault(chain.getKey(), List.of())) {
                lines.append(evidence.line());
            }
            lines.append(chain.getValue().line());
        }
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try (FileChannel out = FileChannel.open(
                next, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.US_ASCII));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(true);
        }
        channel.close();
        try {
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncFolder(file.toAbsolutePath().getParent());
        channel = openForAppend(file);
    }

    private static List<Head> readAll(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException absent) {
            return List.of();
        }
        List<Head> heads = new ArrayList<>();
        int from = 0;
        for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', from)) { // an unended line is torn
            String line = text.substring(from, end);
            from = end + 1;
            if (LINE.matcher(line).matches()) {
                String[] fields = line.split(" ");
                heads.add(new Head(fields[0], Long.parseLong(fields[1]), fields[2]));
            }
        }
        return heads;
    }

    /** Cuts whatever follows the last complete line: a write the process did not finish. */
    private static void cutTornLine(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            long keep = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (keep > 0) {
                one.clear();
                channel.read(one, keep - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                keep--;
            }
            if (keep < size) {
                channel.truncate(keep);
                channel.force(true);
            }
        }
    }

    private static FileChannel openForAppend(Path file) throws IOException {
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        syncFolder(file.toAbsolutePath().getParent()); // the file's name is durable too
        return channel;
    }

    private static void syncFolder(Path folder) {
        try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException notOnThisPlatform) {
            // Some platforms cannot open a folder for syncing; the file's own sync still holds.
        }
    }
}
