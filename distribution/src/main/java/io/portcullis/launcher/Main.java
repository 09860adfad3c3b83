package io.portcullis.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts Portcullis in the foreground: Felix with the core bundles of {@code bundle/}, hot deploy
 * from {@code deploy/} and live configuration from {@code config/}. Exits 0 after SIGTERM or
 * Ctrl-C once the framework has stopped cleanly, and 2 with one line on standard error when the
 * server cannot start.
 */
public final class Main {

    static final int EXIT_OK = 0;
    static final int EXIT_STARTUP_FAILED = 2;

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Path home = Path.of(System.getProperty("portcullis.home", "."))
                .toAbsolutePath()
                .normalize();
        return run(args, home, System.getenv());
    }

    static int run(String[] args, Path home, Map<String, String> env) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(
                        "usage: portcullis   (configured by config/*.cfg and PORTCULLIS_* environment variables)");
                return EXIT_OK;
            }
            System.err.println("portcullis: unknown argument '" + arg + "' (see --help)");
            return EXIT_STARTUP_FAILED;
        }
        try {
            Layout layout = Layout.locate(home, env);
            // Before the data folder is created or written: a failed first start leaves it as it was.
            PortCheck.requireFree(layout.config(), env);
            layout.prepare();
            return new Server(layout).runUntilStopped();
        } catch (StartupException | IOException e) {
            System.err.println("portcullis: " + e.getMessage());
            return EXIT_STARTUP_FAILED;
        }
    }
}
