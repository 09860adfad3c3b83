package io.portcullis.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * The README's walkthrough, run by {@code examples/quickstart.sh} against the built distribution as a real
 * process, so that the README and the server cannot drift apart: the script holds the README's shell blocks
 * verbatim (checked here) and checks every answer.
 */
public class QuickstartIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration SCRIPT = Duration.ofMinutes(5);
    private static final String NOT_VERBATIM = "<!-- quickstart: not verbatim";

    /** The checkout: failsafe runs in {@code itests/}. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static final Path README = ROOT.resolve("README.md");
    private static final Path QUICKSTART = ROOT.resolve("examples/quickstart.sh");

    @Test
    public void theScriptHoldsEveryWalkthroughBlockOfTheReadmeVerbatimAndInOrder() throws IOException {
        List<String> readme = walkthroughBlocks(Files.readAllLines(README));
        List<String> script = scriptBlocks(Files.readAllLines(QUICKSTART));

        assertTrue("the README's walkthrough has its blocks: " + readme, readme.size() >= 15);
        String rule = "README.md's shell blocks that use $BASE, in order, must be examples/quickstart.sh's blocks"
                + " between '# README' and '# /README' (or be marked '" + NOT_VERBATIM + "' in the README)";
        for (int i = 0; i < Math.min(readme.size(), script.size()); i++) {
            assertEquals(rule + "; block " + (i + 1) + " differs", readme.get(i), script.get(i));
        }
        assertEquals(rule + "; the number of blocks differs", readme.size(), script.size());
    }

    @Test
    public void theReadmeWalkthroughSucceedsAgainstTheBuiltServerAndItsChecksCanFail() throws Exception {
        requireTools();
        int port = Provisioning.freePort();
        try (ServerProcess server = new ServerProcess()) {
            server.start(Map.of("PORTCULLIS_HTTP_PORT", Integer.toString(port)));
            new Http(port).await("/health/ready", 200, START);
            String base = "http://127.0.0.1:" + port;
            String admin =
                    Files.readString(server.home.resolve("data/admin.key")).strip();

            Run walkthrough = quickstart(base, admin);
            System.out.println(walkthrough.output());
            assertEquals(
                    "examples/quickstart.sh failed; its output:\n" + walkthrough.output() + "\nthe server's output:\n"
                            + server.output(),
                    0,
                    walkthrough.exitCode());
            assertTrue(walkthrough.output(), walkthrough.output().contains("quickstart: all steps passed"));
            assertTrue(walkthrough.output(), walkthrough.output().contains("skipped: it reaches the public internet"));

            // The checks are real: a refused first call stops the script at once, naming the step and the answer.
            Run refused = quickstart(base, "pk_000000000000000000000000_0000");
            assertNotEquals(refused.output(), 0, refused.exitCode());
            assertTrue(
                    refused.output(),
                    refused.output().contains("FAILED at step 'create a workspace': expected HTTP 201, got 401"));
            assertFalse(refused.output(), refused.output().contains("== invite a member"));

            assertEquals("exit code after SIGTERM", 0, server.terminate(Duration.ofSeconds(30)));
        }
    }

    private record Run(int exitCode, String output) {}

    private static Run quickstart(String base, String admin) throws IOException, InterruptedException {
        Path log = Files.createTempFile("quickstart", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", QUICKSTART.toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("QUICKSTART_INTERNET"); // no public internet in the build
        builder.environment().put("BASE", base);
        builder.environment().put("ADMIN", admin);
        Process process = builder.start();
        if (!process.waitFor(SCRIPT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("examples/quickstart.sh did not end within " + SCRIPT + "; its output:\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The walkthrough needs curl and jq; say so rather than fail somewhere in the middle of the script. */
    private static void requireTools() throws IOException, InterruptedException {
        for (String tool : List.of("curl", "jq")) {
            Process which = new ProcessBuilder("bash", "-c", "command -v " + tool)
                    .redirectErrorStream(true)
                    .start();
            if (!which.waitFor(10, TimeUnit.SECONDS) || which.exitValue() != 0) {
                fail("QuickstartIT runs examples/quickstart.sh, which needs '" + tool + "' on the PATH"
                        + " (for example: apt-get install -y " + tool + "); see the README's Requirements.");
            }
        }
    }

    /** The README's {@code sh} blocks that talk to the server ({@code $BASE}), unless marked not verbatim. */
    static List<String> walkthroughBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("```sh")) {
                StringBuilder block = new StringBuilder();
                for (i++; !lines.get(i).equals("```"); i++) {
                    block.append(lines.get(i)).append('\n');
                }
                if (block.toString().contains("$BASE") && !previous.startsWith(NOT_VERBATIM)) {
                    blocks.add(block.toString());
                }
            }
            if (!lines.get(i).isBlank()) {
                previous = lines.get(i);
            }
        }
        return blocks;
    }

    /** The script's lines between {@code # README} and {@code # /README}, one block per pair. */
    static List<String> scriptBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (line.equals("# README")) {
                block = new StringBuilder();
            } else if (line.equals("# /README")) {
                blocks.add(String.valueOf(block));
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
