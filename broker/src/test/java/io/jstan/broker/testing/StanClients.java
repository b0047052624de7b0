package io.jstan.broker.testing;

import io.nats.streaming.Message;
import io.nats.streaming.MessageHandler;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Connects the official java-nats-streaming client, and collects what its subscriptions receive. */
public final class StanClients {
    public static final String CLUSTER_ID = "test-cluster";
    private static final AtomicLong NEXT_CLIENT = new AtomicLong();

    private final String natsUrl;

    public StanClients(String natsUrl) {
        this.natsUrl = natsUrl;
    }

    public String natsUrl() {
        return natsUrl;
    }

    /** A client with a fresh ID. */
    public StreamingConnection connect() throws IOException, InterruptedException {
        return connect("client-" + NEXT_CLIENT.incrementAndGet());
    }

    public StreamingConnection connect(String clientId) throws IOException, InterruptedException {
        return NatsStreaming.connect(CLUSTER_ID, clientId, options().build());
    }

    public Options.Builder options() {
        return new Options.Builder().natsUrl(natsUrl).connectWait(ClientWaits.WAIT).pubAckWait(ClientWaits.WAIT);
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    public static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }

    /**
     * What a subscription received, in order. For a subscription with manual acks, {@link #acking()}
     * acks each message before counting it: once a message is counted, its ack is on its way, ahead
     * of anything the test sends later.
     */
    public static final class Received implements MessageHandler {
        private final List<Message> messages = new ArrayList<>();
        private final int toAck;
        private int acked;

        /** Records only: for a subscription the client acks by itself, or one that should not ack. */
        public Received() {
            this(0);
        }

        private Received(int toAck) {
            this.toAck = toAck;
        }

        /** Acks each message, then records it: for a subscription with manual acks. */
        public static Received acking() {
            return new Received(Integer.MAX_VALUE);
        }

        /**
         * Acks the first {@code count} messages, and records every message: for a subscription
         * that must stop at a known position whatever the server sends it meanwhile.
         */
        public static Received ackingFirst(int count) {
            return new Received(count);
        }

        @Override
        public void onMessage(Message message) {
            if (takesAck()) {
                try {
                    message.ack();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            synchronized (this) {
                messages.add(message);
            }
        }

        private synchronized boolean takesAck() {
            if (acked == toAck) {
                return false;
            }
            acked++;
            return true;
        }

        public synchronized List<Message> messages() {
            return List.copyOf(messages);
        }

        public synchronized int count() {
            return messages.size();
        }

        /** Waits until at least {@code count} messages arrived; returns them all. */
        public List<Message> await(int count) {
            ClientWaits.await(ClientWaits.WAIT, () -> count() >= count, () -> count + " messages arrive (" + count() + " so far)");
            return messages();
        }

        public List<Long> sequences() {
            return messages().stream().map(Message::getSequence).toList();
        }

        public List<String> texts() {
            return messages().stream().map(StanClients::text).toList();
        }
    }
}
