package io.jstan.broker.nats;

import io.jstan.broker.testing.RawConversation;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The limits that protect the server and its other clients: connections, stale clients, slow consumers. */
class LimitsClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** verbose is on unless the client turns it off, as in nats-server. */
    private static final String QUIET_CONNECT = "CONNECT {\"verbose\":false}\r\n";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(5);

    private NatsServer server;

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void connectionBeyondMaxConnectionsIsRefused() throws Exception {
        start(new NatsServerOptions().maxConnections(2));

        try (Connection first = connect(); Connection second = connect()) {
            assertThrows(IOException.class, () -> connect().close());
            try (RawConversation raw = RawConversation.open(server.port())) {
                assertEquals(List.of("-ERR 'maximum connections exceeded'\r\n", RawConversation.CLOSED),
                        raw.exchangeUntilClosed(""));
            }
            assertEquals(Connection.Status.CONNECTED, first.getStatus());
            assertEquals(Connection.Status.CONNECTED, second.getStatus());
        }

        await(() -> server.connectionCount() == 0, "closed connections free their slots");
        try (Connection again = connect()) {
            assertEquals(Connection.Status.CONNECTED, again.getStatus());
        }
    }

    @Test
    void clientThatNeverAnswersPingIsClosedAsStale() throws Exception {
        start(new NatsServerOptions().pingInterval(Duration.ofMillis(100)).maxPingsOut(2));

        try (RawConversation raw = RawConversation.open(server.port())) {
            assertEquals(List.of("PING\r\n", "PING\r\n", "-ERR 'Stale Connection'\r\n", RawConversation.CLOSED),
                    raw.exchangeUntilClosed(QUIET_CONNECT));
        }
    }

    @Test
    void subscriberThatNeverReadsIsCutOffAtMaxPendingWhileOthersKeepFlowing() throws Exception {
        start(new NatsServerOptions().maxPending(64 * 1024).maxPayload(64 * 1024));

        try (NonReadingSubscriber slow = NonReadingSubscriber.subscribe(server.port(), "firehose");
             Connection flooder = connect();
             Connection publisher = connect();
             Connection subscriber = connect()) {
            Subscription steady = subscriber.subscribe("steady");
            subscriber.flush(WAIT);

            // About 8 MB for the slow subscriber: more than its socket buffers can take.
            CompletableFuture<Void> flood = CompletableFuture.runAsync(
                    () -> publishInBatches(flooder, "firehose", 8000, new byte[1024]));
            int count = 2000;
            for (int i = 0; i < count; i++) {
                publisher.publish("steady", ByteBuffer.allocate(100).putInt(i).array());
                if (i % 10 == 9) {
                    publisher.flush(WAIT);
                }
            }

            for (int i = 0; i < count; i++) {
                Message message = steady.nextMessage(WAIT);
                assertNotNull(message, "message " + i + " did not reach the subscriber that reads");
                assertEquals(i, ByteBuffer.wrap(message.getData()).getInt());
            }
            flood.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(slow.isClosedWithin(WAIT), "the slow consumer is disconnected");
            assertEquals(1, server.stats().slowConsumers());
            await(() -> server.router().all().stream().noneMatch(s -> s.subject().equals("firehose")),
                    "the slow consumer's subscription is gone");
            for (Connection c : List.of(flooder, publisher, subscriber)) {
                assertEquals(Connection.Status.CONNECTED, c.getStatus());
            }
        }
    }

    @Test
    void subscriberThatStopsReadingIsClosedAfterTheWriteDeadline() throws Exception {
        start(new NatsServerOptions().writeDeadline(Duration.ofMillis(200)));

        try (NonReadingSubscriber slow = NonReadingSubscriber.subscribe(server.port(), "data");
             Connection publisher = connect()) {
            // About 8 MB: beyond the socket buffers and the server's own write buffer, far below max_pending.
            publishInBatches(publisher, "data", 1000, new byte[8 * 1024]);

            await(() -> server.stats().slowConsumers() == 1, "the write deadline was exceeded");
            assertTrue(slow.isClosedWithin(WAIT), "the slow consumer is disconnected");
            assertEquals(Connection.Status.CONNECTED, publisher.getStatus());
        }
    }

    private void start(NatsServerOptions options) throws IOException {
        server = new NatsServer(options.host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT));
        server.start();
    }

    private Connection connect() throws Exception {
        return Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + server.port()).noReconnect().build());
    }

    /** Publishes, flushing now and then so that jnats's outgoing queue never fills up. */
    private static void publishInBatches(Connection publisher, String subject, int count, byte[] payload) {
        try {
            for (int i = 0; i < count; i++) {
                publisher.publish(subject, payload);
                if (i % 500 == 499) {
                    publisher.flush(WAIT);
                }
            }
            publisher.flush(WAIT);
        } catch (TimeoutException | InterruptedException e) {
            throw new IllegalStateException("the server stopped taking messages", e);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
    }

    /**
     * A raw client that subscribes and then never reads again, with a receive buffer kept small
     * so that the server's writes back up quickly.
     */
    private static final class NonReadingSubscriber implements AutoCloseable {
        private final Socket socket;

        private NonReadingSubscriber(Socket socket) {
            this.socket = socket;
        }

        static NonReadingSubscriber subscribe(int port, String subject) throws IOException {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) WAIT.toMillis());
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write((QUIET_CONNECT + "SUB " + subject + " 1\r\nPING\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    socket.close();
                    throw new IOException("closed before the subscription was confirmed");
                }
            } while (!line.equals("PONG"));
            return new NonReadingSubscriber(socket);
        }

        /** Reads (and drops) whatever the server had sent, until the end of the stream or the deadline. */
        boolean isClosedWithin(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            try {
                while (System.nanoTime() < deadline) {
                    socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    if (in.read(buffer) < 0) {
                        return true;
                    }
                }
                return false;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (SocketException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
