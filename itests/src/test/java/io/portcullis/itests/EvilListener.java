package io.portcullis.itests;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The evil suite's network oracle: a listener on the loopback address that no plugin is allowed to
 * reach (none is granted an egress endpoint, and the guard refuses loopback). It records every
 * connection with the first bytes it sent, and answers anything HTTP-shaped with a 404 so that a client
 * does not hang. A connection from a plugin is an escape, whatever the plugin answered.
 */
final class EvilListener implements AutoCloseable {

    private final ServerSocket socket;
    private final List<String> connections = new CopyOnWriteArrayList<>();

    EvilListener() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::serve, "itest-evil-listener");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Every connection so far, as its first line (or {@code <no bytes>}). */
    List<String> connections() {
        return List.copyOf(connections);
    }

    /** How many connections came so far: a mark for {@link #since}. */
    int count() {
        return connections.size();
    }

    /** The connections that came after {@code mark} (a {@link #count}), as their first lines. */
    List<String> since(int mark) {
        List<String> all = connections();
        return List.copyOf(all.subList(Math.min(mark, all.size()), all.size()));
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(2000);
                String first = firstLine(client.getInputStream());
                connections.add(first);
                client.getOutputStream()
                        .write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // closed, or the client gave up: its connection was recorded if it got that far
            }
        }
    }

    private static String firstLine(InputStream in) {
        StringBuilder line = new StringBuilder();
        try {
            for (int b; line.length() < 200 && (b = in.read()) >= 0 && b != '\n'; ) {
                line.append((char) b);
            }
        } catch (IOException e) {
            // a raw socket that sent nothing: the connection itself is the evidence
        }
        return line.isEmpty() ? "<no bytes>" : line.toString().strip();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
