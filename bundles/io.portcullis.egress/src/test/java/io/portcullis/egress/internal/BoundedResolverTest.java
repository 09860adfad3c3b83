package io.portcullis.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BoundedResolverTest {

    @Test
    void anAnswerInTimeIsPassedOn() throws Exception {
        InetAddress address = InetAddress.getByAddress("example.com", new byte[] {93, (byte) 184, (byte) 216, 34});
        BoundedResolver resolver = new BoundedResolver(name -> List.of(address), Duration.ofSeconds(5));

        assertThat(resolver.resolve("example.com")).containsExactly(address);
        resolver.close();
    }

    @Test
    void aLookupThatHangsIsAbandonedAtTheLimit() {
        CountDownLatch never = new CountDownLatch(1);
        BoundedResolver resolver = new BoundedResolver(
                name -> {
                    try {
                        never.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return List.of();
                },
                Duration.ofMillis(100));

        assertThatThrownBy(() -> resolver.resolve("slow.example"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessageContaining("no answer within 100 ms");
        resolver.close();
    }

    @Test
    void anUnknownNameStaysUnknown() {
        BoundedResolver resolver = new BoundedResolver(
                name -> {
                    throw new UnknownHostException(name);
                },
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> resolver.resolve("nowhere.example"))
                .isInstanceOf(UnknownHostException.class)
                .hasMessage("nowhere.example");
        resolver.close();
    }
}
