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

    static byte[] read(InputStream raw, String contentEncoding, long cap) throws IOException, EgressException {
        try (InputStream in = decoded(raw, contentEncoding.trim().toLowerCase(Locale.ROOT))) {
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
    }

    static EgressException tooLarge(long cap) {
        return new EgressException(Reason.TOO_LARGE, "the response body exceeds " + cap + " bytes");
    }

    private static InputStream decoded(InputStream raw, String coding) throws IOException, EgressException {
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
