package io.jstan.broker.testing;

import io.jstan.broker.streaming.StreamingOptions;
import io.jstan.store.ChannelLimits;
import io.jstan.store.StoreLimits;
import io.jstan.store.proto.ConnectResponse;
import io.jstan.store.proto.PubAck;
import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules a server enforces on its own: store limits, per-channel limits by wildcard, and
 * heartbeats. The server runs with the settings below, given as {@link #FLAGS} and
 * {@link #CONFIG} to the jar, or as {@link #options()} in process.
 */
public final class StanLimitScenarios {
    public static final List<String> FLAGS = List.of("-mm", "10", "-mc", "4", "-msu", "2",
            "-hbi", "250ms", "-hbt", "250ms", "-hbf", "1");
    /** The -sc file: per-channel limits, by wildcard. */
    public static final String CONFIG = """
            streaming {
              store_limits {
                channels {
                  "aged.>": { max_age: "2s" }
                  "idle.>": { max_inactivity: "1s" }
                }
              }
            }
            """;

    private final StanClients clients;

    public StanLimitScenarios(StanClients clients) {
        this.clients = clients;
    }

    public static StreamingOptions options() {
        ChannelLimits global = ChannelLimits.DEFAULTS.withMaxMsgs(10).withMaxSubscriptions(2);
        return new StreamingOptions()
                .storeLimits(StoreLimits.builder()
                        .maxChannels(4)
                        .global(global)
                        .channel("aged.>", ChannelLimits.INHERIT.withMaxAge(Duration.ofSeconds(2)))
                        .channel("idle.>", ChannelLimits.INHERIT.withMaxInactivity(Duration.ofSeconds(1)))
                        .build())
                .heartbeatInterval(Duration.ofMillis(250))
                .heartbeatTimeout(Duration.ofMillis(250))
                .heartbeatFailCount(1);
    }

    public void oldestMessagesGoWhenAChannelIsOverMaxMsgs() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            for (int i = 1; i <= 15; i++) {
                connection.publish("capped", bytes(Integer.toString(i)));
            }
            StanClients.Received received = new StanClients.Received();
            connection.subscribe("capped", received, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            received.await(10);
            assertEquals(LongStream.rangeClosed(6, 15).boxed().toList(), received.sequences());
        }
    }

    public void aChannelOverMaxChannelsIsRefused() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            for (int i = 1; i <= 4; i++) {
                connection.publish("channel." + i, bytes("fits"));
            }
            IOException refused = assertThrows(IOException.class, () -> connection.publish("channel.5", bytes("too many")));
            assertEquals("too many channels", refused.getMessage());
            connection.publish("channel.1", bytes("existing channels still take messages"));
        }
    }

    public void aSubscriptionOverMaxSubsIsRefused() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            connection.subscribe("crowded", new StanClients.Received());
            connection.subscribe("crowded", new StanClients.Received());
            IOException refused = assertThrows(IOException.class, () -> connection.subscribe("crowded", new StanClients.Received()));
            assertEquals("too many subscriptions per channel", refused.getMessage());
        }
    }

    /** "aged.>" keeps messages 2 s: old ones go on their own, a newer one stays. */
    public void messagesOlderThanTheirChannelsMaxAgeExpire() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            connection.publish("aged.news", bytes("old 1"));
            connection.publish("aged.news", bytes("old 2"));
            Instant published = Instant.now();
            ClientWaits.await(() -> Instant.now().isAfter(published.plusSeconds(1)), "a second passes");
            connection.publish("aged.news", bytes("newer"));
            ClientWaits.await(() -> "newer".equals(firstAvailable(connection, "aged.news")), "the old messages expire");
        }
    }

    /**
     * "idle.>" channels go after 1 s without messages or subscriptions: the next message starts a
     * new channel. Each look at the channel is activity, so every look follows a quiet period.
     */
    public void aChannelInactiveForItsMaxInactivityIsDeleted() throws Exception {
        try (StreamingConnection connection = clients.connect()) {
            connection.publish("idle.room", bytes("echo 1"));
            connection.publish("idle.room", bytes("echo 2"));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            Message first;
            do {
                Instant quietSince = Instant.now();
                ClientWaits.await(() -> Instant.now().isAfter(quietSince.plusMillis(1500)), "the channel stays idle");
                StanClients.Received received = new StanClients.Received();
                Subscription look = connection.subscribe("idle.room", received,
                        new SubscriptionOptions.Builder().deliverAllAvailable().build());
                connection.publish("idle.room", bytes("probe"));
                first = received.await(1).get(0);
                look.unsubscribe();
                assertTrue(Instant.now().isBefore(deadline), "the idle channel was not deleted in time");
            } while ("echo 1".equals(StanClients.text(first)));
            assertEquals("probe", StanClients.text(first));
            assertEquals(1, first.getSequence());
        }
    }

    public void aClientThatStopsAnsweringHeartbeatsIsRemoved() throws Exception {
        try (StanRaw raw = new StanRaw(clients.natsUrl()); StreamingConnection healthy = clients.connect()) {
            ConnectResponse ghost = raw.connectDeaf("ghost");
            assertEquals("", ghost.getError());
            assertEquals("", raw.publish(ghost, "ghost", "haunted", "boo").getError());
            ClientWaits.await(() -> !raw.publish(ghost, "ghost", "haunted", "boo?").getError().isEmpty(),
                    "the silent client is removed");
            PubAck refused = raw.publish(ghost, "ghost", "haunted", "gone");
            assertEquals("stan: invalid publish request", refused.getError());
            healthy.publish("haunted", bytes("a client that answers stays"));
        }
    }

    public void aConnectTakesOverTheIdOfAClientThatDoesNotAnswer() throws Exception {
        try (StanRaw raw = new StanRaw(clients.natsUrl())) {
            assertEquals("", raw.connectDeaf("phoenix").getError());
            try (StreamingConnection reborn = clients.connect("phoenix")) {
                reborn.publish("ashes", bytes("back"));
            }
        }
    }

    /** The payload of the first message a new subscription from the start receives. */
    private static String firstAvailable(StreamingConnection connection, String channel) throws Exception {
        AtomicReference<String> first = new AtomicReference<>();
        Subscription sub = connection.subscribe(channel, message -> first.compareAndSet(null, StanClients.text(message)),
                new SubscriptionOptions.Builder().deliverAllAvailable().build());
        ClientWaits.await(() -> first.get() != null, "a message arrives");
        sub.unsubscribe();
        return first.get();
    }
}
