package io.portcullis.egress.internal;

import io.portcullis.spi.EgressException;
import io.portcullis.spi.EgressException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Reads a response body up to the cap. The guard asks for {@code identity}; a server that compresses
 * anyway with gzip or deflate is decoded here (the cap counts decoded bytes, so a small bomb is still
 * TOO_LARGE), because a credential echoed inside compressed bytes could not be scrubbed. Any other
 * coding fails.
 */
final class BodyReader {

    private BodyReader() {}

    /** All of {@code in}, at most {@code cap} bytes; TOO_LARGE past it. */
    static byte[] readAll(InputStream in, long cap) throws IOException, EgressException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            total += n;
            if (total > cap) {
                throw tooLarge(cap);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    static EgressException tooLarge(long cap) {
        return new EgressException(Reason.TOO_LARGE, "the response body exceeds " + cap + " bytes");
    }

    /** Whether a body in {@code contentEncoding} is decoded here (so its length and coding headers no longer hold). */
    static boolean decodes(String contentEncoding) {
        String coding = contentEncoding.trim();
        return !coding.isEmpty() && !coding.equalsIgnoreCase("identity");
    }

    /** {@code raw} decoded from {@code contentEncoding} (gzip, deflate or none); FAILED for any other coding. */
    static InputStream decoded(InputStream raw, String contentEncoding) throws IOException, EgressException {
        String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (coding) {
            case "", "identity" -> raw;
            case "gzip", "x-gzip" -> new GZIPInputStream(raw);
            case "deflate" -> new InflaterInputStream(raw);
            default ->
                throw new EgressException(
                        Reason.FAILED,
                        "the response uses content coding '" + (coding.length() > 20 ? coding.substring(0, 20) : coding)
                                + "', which the guard cannot read");
        };
    }
}
