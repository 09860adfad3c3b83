package io.portcullis.policy.internal.scan.samples;

import java.io.IOException;
import java.net.Socket;

/** Opens a raw socket: {@code socket}, needs {@code net.raw}. */
public class OpensSocket {

    Socket open() throws IOException {
        return new Socket("example.org", 80);
    }
}
