package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.portcullis.egress.EgressRules;
import io.portcullis.spi.EgressException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The guard's DNS lookup threads end with the component: none outlives a bundle stop. */
class ResolverLifecycleTest {

    @Test
    void stoppingTheServiceEndsItsResolverThreads() throws EgressException, InterruptedException {
        Set<Thread> before = dnsThreads();
        try (Harness harness = new Harness()) {
            harness.dns.answer("example.com", "93.184.216.34");
            harness.service().check(URI.create("http://example.com/"), EgressRules.DEFAULT); // a lookup: a thread
            List<Thread> started =
                    dnsThreads().stream().filter(t -> !before.contains(t)).toList();
            assertThat(started).isNotEmpty();

            harness.close();
            for (Thread thread : started) {
                thread.join(10_000); // idle workers end as soon as they are interrupted
            }
            assertThat(started).noneMatch(Thread::isAlive);
        }
    }

    private static Set<Thread> dnsThreads() {
        return Set.copyOf(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("portcullis-egress-dns"))
                .toList());
    }
}
