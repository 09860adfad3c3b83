package io.portcullis.host.internal;

/** Ends the host process; halts if shutdown hooks (the plugin may add some) take too long. */
public final class Exit {

    private static final long GRACE_MS = 2000;

    private Exit() {}

    public static void now(int code) {
        Thread halt = new Thread(
                () -> {
                    try {
                        Thread.sleep(GRACE_MS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Runtime.getRuntime().halt(code);
                },
                "halt");
        halt.setDaemon(true);
        halt.start();
        System.exit(code);
    }
}
