/**
 * The protocol between the core and a plugin host: JSON-RPC 2.0 over a pair of byte streams, one
 * UTF-8 JSON object per line. Both ends use these classes, so the two sides cannot drift apart.
 *
 * <h2>Streams</h2>
 *
 * Streams go both ways and are pulled, so a slow reader never floods a queue: the producing end runs
 * the work on a thread of its own into a {@link io.portcullis.host.wire.StreamBuffer} (at most {@value
 * io.portcullis.host.wire.StreamBuffer#MAX_ITEMS} items; the producer blocks when it is full), the
 * reader pulls batches with a long poll ({@link io.portcullis.host.wire.StreamNext}, answered as soon
 * as one item is in, after at most {@value io.portcullis.host.wire.StreamNext#MAX_WAIT_MILLIS} ms
 * otherwise; a batch holds at most about {@value io.portcullis.host.wire.StreamBuffer#MAX_BATCH_BYTES}
 * bytes). The last batch has {@code end} and, if the stream failed, an {@link
 * io.portcullis.host.wire.RpcErrorInfo}. A reader that stops early sends the close request; {@code
 * call.cancel} ends every stream of its call too.
 *
 * <ul>
 *   <li>core → host, a model stream: {@code model.stream} ({@link
 *       io.portcullis.host.wire.ModelCompleteParams}) → {@link io.portcullis.host.wire.StreamOpened};
 *       {@code stream.next} → {@link io.portcullis.host.wire.StreamBatch} of {@link
 *       io.portcullis.host.wire.StreamEvent}s; {@code stream.close}. A provider's {@code
 *       ModelException} ends it with code {@code MODEL} and its status and retry-after; anything else
 *       it throws with {@code PLUGIN_FAILED} and the class name.
 *   <li>host → core, an egress stream during a live call: {@code egress.stream} ({@link
 *       io.portcullis.host.wire.EgressStreamParams}) → {@link io.portcullis.host.wire.EgressStreamOpened};
 *       {@code egress.next} → {@link io.portcullis.host.wire.LineBatch}; {@code egress.close}. The core
 *       reads it through the call's own egress guard. Stream ids are random, valid only on their link
 *       while their call is live ({@code UNKNOWN_CALL} otherwise); at most 4 open per call.
 * </ul>
 */
@Export
@Version("1.1.0")
@NullMarked
package io.portcullis.host.wire;

import org.jspecify.annotations.NullMarked;
import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
