package io.portcullis.model.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One recorded response of a model API, read from {@code fixtures/<name>.http} on the class path:
 * a head ({@code status: 200}, then response headers, one per line, then an empty line) and the body's
 * bytes exactly as the vendor sends them, server-sent-event framing included. The pseudo-header
 * {@code x-fake-mode} is never sent: {@code cut} closes the connection after the body (mid-stream,
 * without ending it), {@code drip} sends the body and then stays silent for the server's drip delay.
 *
 * @param name the fixture's name, such as {@code openai/tool-args-split}
 * @param status the HTTP status to answer
 * @param headers the response headers (lower-case names), without the pseudo-header
 * @param mode {@code normal}, {@code cut} or {@code drip}
 * @param body the body as sent
 */
public record Fixture(String name, int status, Map<String, String> headers, String mode, String body) {

    static final String MODE_HEADER = "x-fake-mode";

    /** Reads {@code fixtures/<name>.http} from this jar. */
    public static Fixture load(String name) {
        String path = "fixtures/" + name + ".http";
        try (InputStream in = Fixture.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Fixture parse(String name, String text) {
        int split = text.indexOf("\n\n");
        if (split < 0 || !text.startsWith("status: ")) {
            throw new IllegalArgumentException("fixture " + name + " has no head");
        }
        String[] head = text.substring(0, split).split("\n");
        int status = Integer.parseInt(head[0].substring("status: ".length()).trim());
        Map<String, String> headers = new LinkedHashMap<>();
        String mode = "normal";
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            String key = head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = head[i].substring(colon + 1).trim();
            if (key.equals(MODE_HEADER)) {
                mode = value;
            } else {
                headers.put(key, value);
            }
        }
        return new Fixture(name, status, Map.copyOf(headers), mode, text.substring(split + 2));
    }

    /** The body cut into server-sent events, each with its closing empty line; one piece for a plain body. */
    public List<String> events() {
        List<String> events = new ArrayList<>();
        int from = 0;
        while (from < body.length()) {
            int end = body.indexOf("\n\n", from);
            int next = end < 0 ? body.length() : end + 2;
            events.add(body.substring(from, next));
            from = next;
        }
        return events;
    }

    /** The {@code data:} payloads of the body's events, {@code [DONE]} included, comments and event names left out. */
    public List<String> data() {
        List<String> data = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (line.startsWith("data:")) {
                data.add(line.substring(5).trim());
            }
        }
        return data;
    }
}
