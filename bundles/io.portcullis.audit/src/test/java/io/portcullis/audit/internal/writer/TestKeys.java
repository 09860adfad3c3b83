package io.portcullis.audit.internal.writer;

import io.portcullis.audit.AuditKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** HMAC-SHA256 under a key made from the workspace id: distinct per workspace, known to the tests. */
final class TestKeys implements AuditKeys {

    @Override
    public byte[] hmac(@Nullable String workspaceId, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("audit-key-" + workspaceId).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String hex(@Nullable String workspaceId, String text) {
        return HexFormat.of().formatHex(hmac(workspaceId, text.getBytes(StandardCharsets.UTF_8)));
    }
}
