package io.jstan.broker.testing;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.function.Executable;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jstan.broker.testing.ClientWaits.WAIT;
import static io.jstan.broker.testing.ClientWaits.next;
import static io.jstan.broker.testing.ClientWaits.publishInBatches;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * max_payload and max_pending, against any server listening on 127.0.0.1:port that runs with
 * the limits the scenario is given.
 */
public record LimitScenarios(int port) {
    /** The subject the slow consumer of {@link #subscriberThatNeverReadsIsCutOffWhileOthersKeepFlowing} subscribes to. */
    public static final String FIREHOSE = "limits.firehose";
    /** verbose is on unless the client turns it off, as in nats-server. */
    private static final String QUIET_CONNECT = "CONNECT {\"verbose\":false}\r\n";

    public void payloadOfExactlyMaxPayloadIsDelivered(int maxPayload) throws Exception {
        try (Connection nc = connect()) {
            assertEquals(maxPayload, nc.getMaxPayload(), "INFO announces the configured max_payload");
            Subscription sub = nc.subscribe("limits.big");
            byte[] payload = new byte[maxPayload];
            Arrays.fill(payload, (byte) 'x');

            nc.publish("limits.big", payload);

            assertArrayEquals(payload, next(sub, "the largest message allowed").getData());
        }
    }

    public void jnatsRefusesToPublishOverMaxPayload(int maxPayload) throws Exception {
        try (Connection nc = connect()) {
            assertThrows(IllegalArgumentException.class, () -> nc.publish("limits.big", new byte[maxPayload + 1]));
            assertEquals(Connection.Status.CONNECTED, nc.getStatus());
        }
    }

    public void serverAnswersAPublishOverMaxPayloadWithAnErrorAndCloses(int maxPayload) throws Exception {
        try (RawConversation raw = RawConversation.open(port)) {
            assertTrue(raw.info().contains("\"max_payload\":" + maxPayload), raw.info());
            assertEquals(List.of("-ERR 'Maximum Payload Violation'\r\n", RawConversation.CLOSED),
                    raw.exchangeUntilClosed(QUIET_CONNECT + "PUB limits.big " + (maxPayload + 1) + "\r\n"));
        }
    }

    /**
     * A raw subscriber to {@link #FIREHOSE} that never reads is flooded with 8000 messages of
     * {@code payloadSize} bytes (about 8 MB at 1 KiB: far beyond a max_pending of 64 KiB plus its
     * socket buffers), while a steady stream reaches a subscriber that reads. {@code serverSaysSo} runs once the slow consumer is disconnected, the
     * other clients still connected, for what the server reports of it.
     */
    public void subscriberThatNeverReadsIsCutOffWhileOthersKeepFlowing(int payloadSize, Executable serverSaysSo)
            throws Throwable {
        try (NonReadingSubscriber slow = NonReadingSubscriber.subscribe(port, FIREHOSE);
             Connection flooder = connect();
             Connection publisher = connect();
             Connection subscriber = connect()) {
            Subscription steady = subscriber.subscribe("limits.steady");
            subscriber.flush(WAIT);

            CompletableFuture<Void> flood = CompletableFuture.runAsync(
                    () -> publishInBatches(flooder, FIREHOSE, 8000, new byte[payloadSize]));
            // In batches the subscriber reads before the next one goes: the steady flow stays far
            // below max_pending however slowly a loaded machine runs the subscriber's client.
            int count = 2000;
            int batch = 20;
            for (int first = 0; first < count; first += batch) {
                for (int i = first; i < first + batch; i++) {
                    publisher.publish("limits.steady", ByteBuffer.allocate(100).putInt(i).array());
                }
                publisher.flush(WAIT);
                for (int i = first; i < first + batch; i++) {
                    assertEquals(i, ByteBuffer.wrap(next(steady, "message " + i + " to the subscriber that reads")
                            .getData()).getInt());
                }
            }
            subscriber.flush(WAIT);
            assertEquals(0, steady.getPendingMessageCount(), "exactly " + count + " messages, none extra");
            flood.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(slow.isClosedWithin(WAIT), "the slow consumer is disconnected");
            serverSaysSo.execute();
            for (Connection c : List.of(flooder, publisher, subscriber)) {
                assertEquals(Connection.Status.CONNECTED, c.getStatus());
            }
        }
    }

    private Connection connect() throws Exception {
        return Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + port).noReconnect().build());
    }
}
