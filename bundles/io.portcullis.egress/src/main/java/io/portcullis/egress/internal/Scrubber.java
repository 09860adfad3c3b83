package io.portcullis.egress.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces every occurrence of an injected credential (each form in {@link Injection#secrets()}) in
 * a response's headers and body with {@value #MARK}, so a server that echoes what it received cannot
 * hand the plaintext to the plugin. Exact matches only: a server that re-encodes the value (URL- or
 * JSON-escaping it) defeats this; the redactor downstream scans for secret-shaped text as well.
 */
final class Scrubber {

    static final String MARK = "[REDACTED:credential]";
    private static final byte[] MARK_BYTES = MARK.getBytes(StandardCharsets.UTF_8);

    private final List<String> secrets;

    Scrubber(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> !s.isEmpty()).toList();
    }

    static Scrubber none() {
        return new Scrubber(List.of());
    }

    boolean containsSecret(String text) {
        return secrets.stream().anyMatch(text::contains);
    }

    String text(String text) {
        String scrubbed = text;
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, MARK);
        }
        return scrubbed;
    }

    Map<String, List<String>> headers(Map<String, List<String>> headers) {
        Map<String, List<String>> scrubbed = new LinkedHashMap<>();
        headers.forEach((name, values) ->
                scrubbed.put(name, values.stream().map(this::text).toList()));
        return scrubbed;
    }

    byte[] body(byte[] body) {
        byte[] scrubbed = body;
        for (String secret : secrets) {
            scrubbed = replace(scrubbed, secret.getBytes(StandardCharsets.UTF_8));
        }
        return scrubbed;
    }

    private static byte[] replace(byte[] haystack, byte[] needle) {
        List<Integer> hits = new ArrayList<>();
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (startsAt(haystack, needle, i)) {
                hits.add(i);
                i += needle.length - 1;
            }
        }
        if (hits.isEmpty()) {
            return haystack;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(haystack.length);
        int from = 0;
        for (int hit : hits) {
            out.write(haystack, from, hit - from);
            out.writeBytes(MARK_BYTES);
            from = hit + needle.length;
        }
        out.write(haystack, from, haystack.length - from);
        return out.toByteArray();
    }

    private static boolean startsAt(byte[] haystack, byte[] needle, int at) {
        for (int j = 0; j < needle.length; j++) {
            if (haystack[at + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
