package io.portcullis.host.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamBufferTest {

    @Test
    void aFullBufferBlocksTheProducerUntilTheReaderTakes() throws Exception {
        StreamBuffer<String> buffer = new StreamBuffer<>(String::length, 4);
        AtomicInteger put = new AtomicInteger();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    buffer.put("e" + i);
                    put.incrementAndGet();
                }
                buffer.end(null);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        while (put.get() < 4) {
            Thread.onSpinWait();
        }
        assertThat(producer).isNotDone();
        assertThat(put).hasValue(4); // blocked at the bound, not beyond

        List<String> read = new ArrayList<>();
        boolean end = false;
        while (!end) {
            StreamBuffer.Batch<String> batch = buffer.take(10_000);
            assertThat(batch.items()).hasSizeLessThanOrEqualTo(4);
            read.addAll(batch.items());
            end = batch.end();
            assertThat(batch.error()).isNull();
        }
        producer.get(10, TimeUnit.SECONDS);
        assertThat(read).containsExactly("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
    }

    @Test
    void aWaitingReaderIsAnsweredByTheFirstItemNotAfterItsWait() throws Exception {
        StreamBuffer<String> buffer = new StreamBuffer<>(String::length);
        CompletableFuture<StreamBuffer.Batch<String>> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return buffer.take(Long.MAX_VALUE / 2_000_000); // "forever": only the item can end it
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        buffer.put("first");

        assertThat(reader.get(30, TimeUnit.SECONDS).items()).containsExactly("first");
        assertThat(buffer.take(0).items()).isEmpty(); // nothing waited for
    }

    @Test
    void aCancelledStreamMakesTheProducersPutThrowAndEndsTheReader() throws Exception {
        StreamBuffer<String> buffer = new StreamBuffer<>(String::length, 1);
        buffer.put("a");
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                buffer.put("b");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        buffer.cancel();

        assertThatThrownBy(() -> blocked.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> buffer.put("c")).isInstanceOf(CancellationException.class);
        StreamBuffer.Batch<String> last = buffer.take(0);
        assertThat(last.end()).isTrue();
        assertThat(last.error().code()).isEqualTo(RpcError.CLOSED);
    }

    @Test
    void aBatchStaysWithinItsByteCapButAlwaysCarriesOneItem() throws Exception {
        StreamBuffer<String> buffer = new StreamBuffer<>(String::length);
        String big = "x".repeat(StreamBuffer.MAX_BATCH_BYTES / 2 + 1);
        buffer.put(big);
        buffer.put(big);
        buffer.put("y".repeat(StreamBuffer.MAX_BATCH_BYTES + 10));
        buffer.end(new RpcErrorInfo(RpcError.MODEL, "no", null, 429, 3));

        assertThat(buffer.take(0).items()).hasSize(1);
        assertThat(buffer.take(0).items()).hasSize(1);
        StreamBuffer.Batch<String> last = buffer.take(0);
        assertThat(last.items()).hasSize(1);
        assertThat(last.end()).isTrue();
        RpcError error = last.error().toRpcError();
        assertThat(RpcErrorInfo.of(error)).isEqualTo(new RpcErrorInfo(RpcError.MODEL, "no", null, 429, 3));
    }
}
