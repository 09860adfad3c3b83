package io.portcullis.policy.internal.scan.samples;

import javax.management.loading.MLet;

/** An MLet loads classes from any URL added to it. */
public class LoadsRemoteClasses {

    @SuppressWarnings("removal")
    ClassLoader remote() {
        return new MLet();
    }
}
