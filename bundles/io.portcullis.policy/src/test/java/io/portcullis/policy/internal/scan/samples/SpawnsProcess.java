package io.portcullis.policy.internal.scan.samples;

import java.io.IOException;

/** Runs other programs: {@code process}, needs {@code process.exec}. */
public class SpawnsProcess {

    Process list() throws IOException {
        return new ProcessBuilder("ls").start();
    }

    Process date() throws IOException {
        return Runtime.getRuntime().exec(new String[] {"date"});
    }
}
