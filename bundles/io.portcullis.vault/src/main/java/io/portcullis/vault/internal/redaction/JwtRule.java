package io.portcullis.vault.internal.redaction;

import java.util.List;

/**
 * A JWT (JWS compact form): {@code eyJ…} (base64url of a JSON object) {@code .} payload {@code .}
 * signature, each part a base64url run of at most {@link #PART_MAX} characters; the header at least
 * 10 ({@code {"alg":}), the payload at least 2, the signature may be empty ({@code alg: none}). An
 * {@code eyJ} inside a longer base64url run, or without two dots, is not a JWT.
 */
final class JwtRule implements Rule {

    static final int PART_MAX = 8192;
    private static final int HEADER_MIN = 10;
    private static final int PAYLOAD_MIN = 2;

    @Override
    public String kind() {
        return "jwt";
    }

    @Override
    public List<Anchor> anchors() {
        return Anchor.exact("eyJ");
    }

    @Override
    public void verify(Scan scan, int start, int end) {
        if (CharClasses.BASE64URL.contains(scan.at(start - 1))) {
            return;
        }
        int header = scan.runs.end(CharClasses.BASE64URL, start);
        if (!fits(header - start, HEADER_MIN) || scan.at(header) != '.') {
            return;
        }
        int payload = scan.runs.end(CharClasses.BASE64URL, header + 1);
        if (!fits(payload - header - 1, PAYLOAD_MIN) || scan.at(payload) != '.') {
            return;
        }
        int signature = scan.runs.end(CharClasses.BASE64URL, payload + 1);
        if (fits(signature - payload - 1, 0)) {
            scan.report(start, signature, kind(), STRUCTURED);
        }
    }

    private static boolean fits(int length, int min) {
        return length >= min && length <= PART_MAX;
    }
}
