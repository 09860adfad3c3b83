package io.portcullis.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small parts of the access gate: bearer parsing, permission expansion, address keys. */
class AccessPartsTest {

    private static String bearer(String... values) {
        return BearerCredential.of(Collections.enumeration(List.of(values)));
    }

    @Test
    void bearerCredentialsFollowRfc6750() {
        assertThat(bearer("Bearer pk_abc_DEF-123.x~y+z/w==")).isEqualTo("pk_abc_DEF-123.x~y+z/w==");
        assertThat(bearer("bEaReR  tok")).isEqualTo("tok");
        assertThat(bearer()).isNull();
        assertThat(bearer("Bearer")).isNull();
        assertThat(bearer("Bearer ")).isNull();
        assertThat(bearer("Bearer a b")).isNull();
        assertThat(bearer("Bearer a=b")).isNull();
        assertThat(bearer("Basic dXNlcjpwdw==")).isNull();
        assertThat(bearer("Bearer tok", "Bearer tok")).isNull();
        assertThat(bearer("Bearer " + "a".repeat(5000))).isNull();
        assertThat(BearerCredential.of(null)).isNull();
    }

    @Test
    void permissionsTakeDecodedSafeValuesOnly() {
        assertThat(Permissions.expand("workspace:{ws}:members:{id}:read", Map.of("ws", "w%31", "id", "m+1")))
                .isEqualTo("workspace:w1:members:m+1:read");
        assertThat(Permissions.expand("reports:{ws}:read", Map.of("ws", "%24%7Bx%7D")))
                .isEqualTo("reports:${x}:read");
        for (String raw : List.of("a:b", "a%3Ab", "*", "a,b", "a%20b", "a%0Ab", "a%C2%A0b", "%zz")) {
            assertThat(Permissions.expand("reports:{ws}:read", Map.of("ws", raw)))
                    .as(raw)
                    .isNull();
        }
        assertThat(Permissions.expand("reports:{other}:read", Map.of("ws", "a")))
                .isNull();
        assertThat(Permissions.placeholders("a:{ws}:{id}:{ws}")).containsExactly("ws", "id");
    }

    @Test
    void addressKeysGroupIpv6By64() {
        assertThat(ClientAddress.key("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.key("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.key("[2001:db8:1:2::9]")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.key("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(ClientAddress.key(null)).isEqualTo("unknown");
    }
}
