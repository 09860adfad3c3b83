package io.portcullis.policy.internal.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portcullis.spi.net.EgressRuleSyntax;
import io.portcullis.web.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Whatever the policy API accepts, the egress guard accepts: over a corpus of rule strings (hand-picked
 * edge cases and seeded random CIDRs), every list the policy saves is one that
 * {@link EgressRuleSyntax} (the constructor of the guard's {@code EgressRules}, run on the stored lists
 * at every send) takes unchanged, and the two refuse the same entries. Before, policy saved
 * {@code 10.1.0.1/16} and {@code *.com}, and every send of that workspace failed.
 */
class EgressRuleAgreementTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final List<String> HOSTS = List.of(
            "api.example.com",
            "*.example.com",
            "*.com",
            "*",
            "**.example.com",
            "*.*.example.com",
            "Bücher.example",
            "*.Bücher.example",
            "example.com.",
            "*.example.com.",
            "EXAMPLE.COM",
            "xn--bcher-kva.example",
            "-a.example",
            "a-.example",
            "a_b.example",
            "1.2.3.4",
            "0x7f.1",
            "127.1",
            "localhost",
            "[::1]",
            "::1",
            "a..b",
            "",
            " ",
            "exa mple.com",
            "example.com/path",
            "http://example.com",
            "é.com",
            "ｅｘａｍｐｌｅ.com",
            "example。com",
            "еxample.com",
            "exa\u200Dmple.com",
            "*.a",
            "*.a.b",
            "a.b.c.d.e.f",
            "a".repeat(63) + ".example",
            "a".repeat(64) + ".example",
            ("a".repeat(62) + ".").repeat(4) + "com",
            "example.com..",
            ".example.com",
            "*example.com",
            "example.*.com",
            "xn--.example",
            "xn--ls8h.example",
            "💩.example",
            "EXAMPLE.com",
            "ex%41mple.com");

    static final List<String> CIDRS = List.of(
            "10.1.0.0/16",
            "10.1.0.1/16",
            "10.0.0.0/8",
            "10.0.0.0/7",
            "172.16.0.0/12",
            "172.16.0.0/11",
            "172.32.0.0/16",
            "192.168.1.0/24",
            "192.168.1.1/32",
            "fd00::/8",
            "fc00::/7",
            "FD00::/8",
            "fd00:0:0:0:0:0:0:0/8",
            "fd00::1/128",
            "fd00::1/64",
            "::ffff:10.0.0.0/104",
            "127.0.0.0/8",
            "127.0.0.1/32",
            "::1/128",
            "010.0.0.0/8",
            "10.0.0.0/08",
            "10.0.0.0/33",
            "fd00::/129",
            "10.0.0.0",
            "10.0.0.0/",
            "/8",
            " 10.0.0.0/8",
            "10.0.0.0/8 ",
            "fe80::1%eth0/64",
            "100.64.0.0/10",
            "0.0.0.0/0",
            "169.254.169.254/32",
            "10.1.0.0/+16",
            "10.1.0.0/-1",
            "10.1.0.0/16/16",
            "intranet/8",
            "10.256.0.0/16",
            "fd00::/8%",
            "[fd00::]/8",
            "::/0",
            "fc00::/6",
            "fe80::/10");

    @Test
    void whateverPolicyAcceptsEgressAcceptsUnchanged() {
        List<String> cidrs = new ArrayList<>(CIDRS);
        cidrs.addAll(randomCidrs(new Random(12), 2000));
        int accepted = agree(HOSTS, "allow_hosts", raw -> EgressRuleSyntax.hostPatterns("allowHosts", raw))
                + agree(HOSTS, "deny_hosts", raw -> EgressRuleSyntax.hostPatterns("denyHosts", raw))
                + agree(cidrs, "private_cidrs", raw -> EgressRuleSyntax.privateCidrs("privateCidrs", raw));

        assertThat(accepted).as("the corpus holds accepted entries").isGreaterThan(100);
    }

    /** Counts the entries both accept; fails on the first entry they disagree about. */
    private static int agree(List<String> corpus, String field, Function<List<String>, List<String>> egress) {
        int accepted = 0;
        int refused = 0;
        for (String entry : corpus) {
            Optional<List<String>> saved = policy(field, entry);
            Optional<List<String>> direct = attempt(() -> egress.apply(List.of(entry)));
            assertThat(saved.isPresent())
                    .as("policy and egress agree on %s '%s'", field, entry)
                    .isEqualTo(direct.isPresent());
            if (saved.isPresent()) {
                assertThat(attempt(() -> egress.apply(saved.get())))
                        .as("egress takes what policy saved of '%s'", entry)
                        .contains(saved.get());
                accepted++;
            } else {
                refused++;
            }
        }
        assertThat(refused).as("the corpus holds refused entries for " + field).isPositive();
        return accepted;
    }

    private static Optional<List<String>> policy(String field, String entry) {
        ObjectNode egress = JSON.createObjectNode();
        egress.putArray(field).add(entry);
        try {
            return Optional.of(
                    field.equals("private_cidrs") ? PolicyRules.cidrs(egress) : PolicyRules.hosts(egress, field));
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
            return Optional.empty();
        }
    }

    private static Optional<List<String>> attempt(java.util.function.Supplier<List<String>> call) {
        try {
            return Optional.of(call.get());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Random blocks in and around the intranet ranges, host bits set or not, any prefix. */
    private static List<String> randomCidrs(Random random, int count) {
        List<String> cidrs = new ArrayList<>();
        int[][] starts = {{10}, {172, 16 + random.nextInt(20)}, {192, 168}, {127}, {100, 64}, {169, 254}, {8}};
        for (int i = 0; i < count; i++) {
            if (random.nextInt(4) == 0) {
                cidrs.add(String.format(
                        "f%x%02x::%x/%d",
                        0xc + random.nextInt(4), random.nextInt(256), random.nextInt(65536), random.nextInt(131)));
                continue;
            }
            int[] start = starts[random.nextInt(starts.length)];
            int[] bytes = new int[4];
            for (int b = 0; b < 4; b++) {
                bytes[b] = b < start.length ? start[b] : (random.nextBoolean() ? 0 : random.nextInt(256));
            }
            cidrs.add(bytes[0] + "." + bytes[1] + "." + bytes[2] + "." + bytes[3] + "/" + random.nextInt(34));
        }
        return cidrs;
    }
}
