package io.portcullis.launcher;

import java.io.IOException;
import java.io.Reader;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Binds and releases the HTTP address before anything is written: a taken port found only by the web
 * bundle would leave a fresh master key, admin key and database behind in a new data folder. Reads
 * the address the way the web bundle does (the environment over {@code config/io.portcullis.web.cfg}
 * over the defaults); a value it cannot read is left to the web bundle, which names the property.
 */
final class PortCheck {

    static final String CONFIG_FILE = "io.portcullis.web.cfg";
    static final String ENV_HOST = "PORTCULLIS_HTTP_HOST";
    static final String ENV_PORT = "PORTCULLIS_HTTP_PORT";
    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final int DEFAULT_PORT = 8080;

    private PortCheck() {}

    /** Throws a one-line reason naming the port and what to change when the address cannot be bound. */
    static void requireFree(Path configFolder, Map<String, String> env) throws StartupException {
        Properties file = read(configFolder.resolve(CONFIG_FILE));
        String host = firstNonBlank(env.get(ENV_HOST), file.getProperty("host"), DEFAULT_HOST);
        int port;
        try {
            port = Integer.parseInt(firstNonBlank(env.get(ENV_PORT), file.getProperty("port"), "" + DEFAULT_PORT));
        } catch (NumberFormatException e) {
            return; // the web bundle refuses it in its own words
        }
        if (port < 1 || port > 65535) {
            return; // 0 is any free port; out of range is the web bundle's to refuse
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (BindException e) {
            String where = "config/" + CONFIG_FILE;
            throw new StartupException(
                    String.valueOf(e.getMessage()).contains("in use")
                            ? "web: port " + port + " on " + host + " is already in use; set " + ENV_PORT
                                    + " or port in " + where
                            : "web: cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); set "
                                    + ENV_HOST + " or host in " + where);
        } catch (IOException | SecurityException e) {
            // not a verdict on the address: the web bundle tries again and reports what it finds
        }
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                // unreadable: the defaults are checked, and Configuration Admin reports the file
            }
        }
        return properties;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        throw new IllegalArgumentException("no value");
    }
}
