package io.portcullis.policy.internal.scan.samples;

import java.io.InputStream;
import java.util.logging.FileHandler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/** Writes log files: directly, and through a logging configuration that names a FileHandler. */
public class LogsToFiles {

    void direct() throws Exception {
        Logger.getLogger("x").addHandler(new FileHandler("/tmp/x.log"));
    }

    void configured(InputStream properties) throws Exception {
        LogManager.getLogManager().readConfiguration(properties);
    }
}
