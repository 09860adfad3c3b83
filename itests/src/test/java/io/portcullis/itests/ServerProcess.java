package io.portcullis.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built distribution, copied to a temporary folder and run as a real process. */
final class ServerProcess implements AutoCloseable {

    final Path home;
    final Path output;
    private Process process;

    ServerProcess() throws IOException {
        home = Files.createTempDirectory("portcullis-dist");
        copyTree(Provisioning.distribution(), home);
        output = home.resolve("server.log");
    }

    ServerProcess start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        home.resolve("bin/portcullis").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())); // every run of this home, in order
        builder.environment().keySet().removeIf(k -> k.startsWith("PORTCULLIS_"));
        builder.environment().putAll(env);
        process = builder.start();
        return this;
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not exit within " + timeout + "; output:\n" + output());
        }
        return process.exitValue();
    }

    /** Sends SIGKILL, as a crash or the OOM killer would, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly(); // SIGKILL on Linux and macOS
        process.waitFor();
    }

    /** Sends SIGTERM and returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy(); // SIGTERM on Linux and macOS
        return awaitExit(timeout);
    }

    String output() {
        try {
            return Files.exists(output) ? Files.readString(output) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(
                        file,
                        to.resolve(from.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
