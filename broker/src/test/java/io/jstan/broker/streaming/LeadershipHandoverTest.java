package io.jstan.broker.streaming;

import io.jstan.broker.streaming.InProcessCluster.Node;
import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A leader that hands leadership over (asked to, or stopping) loses no request on the way: a
 * publisher that publishes all along gets every PubAck, without an error, and every message is
 * stored once, in the order it was published.
 */
@Timeout(180)
class LeadershipHandoverTest {
    private static final Duration HANDOVER = Duration.ofSeconds(10);

    @RegisterExtension
    final InProcessCluster cluster = new InProcessCluster();

    @Test
    void noPublishFailsWhileLeadershipIsHandedOverAgainAndAgain() throws Exception {
        cluster.start(3);
        Node follower = cluster.follower();
        try (Publisher publisher = new Publisher(follower.clients().connect("publisher"))) {
            for (int handover = 0; handover < 4; handover++) {
                publisher.awaitMoreAcks(200);
                Node leader = cluster.awaitLeader();
                assertTrue(leader.streaming().handOverLeadership("", HANDOVER), "leadership moves");
                assertNotEquals(leader, cluster.awaitLeader());
            }
            publisher.awaitMoreAcks(200);
            publisher.stopAndCheck(follower);
        }
    }

    @Test
    void leadershipGoesToTheFollowerThatRunsWhenTheOtherIsDown() throws Exception {
        cluster.start(3);
        Node leader = cluster.awaitLeader();
        Node down = cluster.follower();
        down.stop();
        Node up = cluster.follower();
        try (Publisher publisher = new Publisher(up.clients().connect("publisher"))) {
            publisher.awaitMoreAcks(100);
            assertTrue(leader.streaming().handOverLeadership("", HANDOVER), "leadership moves");
            assertEquals(up, cluster.awaitLeader());
            publisher.awaitMoreAcks(100);
            publisher.stopAndCheck(up);
        }
    }

    @Test
    void noPublishFailsWhenTheLeaderStops() throws Exception {
        cluster.start(3);
        Node leader = cluster.awaitLeader();
        Node follower = cluster.follower();
        try (Publisher publisher = new Publisher(follower.clients().connect("publisher"))) {
            publisher.awaitMoreAcks(300);
            leader.stop();
            Node next = cluster.awaitLeader();
            assertNotEquals(leader, next);
            publisher.awaitMoreAcks(300);
            publisher.stopAndCheck(follower);
        }
    }

    /** Publishes asynchronously in a thread of its own, counting PubAcks and their errors. */
    private static final class Publisher implements AutoCloseable {
        private final StreamingConnection connection;
        private final List<String> published = new ArrayList<>();
        private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private final AtomicInteger failures = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Publisher(StreamingConnection connection) {
            this.connection = connection;
            this.thread = new Thread(this::publish, "publisher");
            thread.start();
        }

        private void publish() {
            for (int i = 0; running.get(); i++) {
                String payload = "order " + i;
                synchronized (published) {
                    published.add(payload);
                }
                try {
                    connection.publish("orders", bytes(payload), (guid, error) -> {
                        if (error == null) {
                            acknowledged.add(payload);
                        } else {
                            failed(payload + ": " + error);
                        }
                    });
                } catch (Exception e) {
                    failed(payload + ": " + e);
                }
            }
        }

        private void failed(String what) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, what);
        }

        void awaitMoreAcks(int more) {
            int target = acknowledged.size() + more;
            ClientWaits.await(Duration.ofSeconds(30), () -> acknowledged.size() >= target || failures.get() > 0,
                    () -> acknowledged.size() + " of " + target + " acknowledged");
            assertEquals(0, failures.get(), () -> "publishes failed, the first " + firstFailure.get());
        }

        /** Stops publishing, waits for the last PubAcks, and reads everything back in order. */
        void stopAndCheck(Node node) throws Exception {
            running.set(false);
            thread.join();
            List<String> all;
            synchronized (published) {
                all = List.copyOf(published);
            }
            ClientWaits.await(Duration.ofSeconds(30), () -> acknowledged.size() + failures.get() == all.size(),
                    () -> acknowledged.size() + " of " + all.size() + " answered");
            assertEquals(0, failures.get(), () -> "publishes failed, the first " + firstFailure.get());
            try (StreamingConnection reader = node.clients().connect("reader")) {
                StanClients.Received received = new StanClients.Received();
                reader.subscribe("orders", received, new SubscriptionOptions.Builder().deliverAllAvailable().build());
                received.await(all.size());
                assertInOrder(all, received.texts());
            }
        }

        /** Fails naming the first difference, rather than printing thousands of messages. */
        private static void assertInOrder(List<String> published, List<String> stored) {
            for (int i = 0; i < Math.min(published.size(), stored.size()); i++) {
                int at = i;
                assertEquals(published.get(i), stored.get(i), () -> "every message stored once, in the order it was published:"
                        + " sequence " + (at + 1) + " of " + stored.size() + " is " + stored.get(at) + ", around it "
                        + stored.subList(Math.max(0, at - 3), Math.min(stored.size(), at + 4)));
            }
            assertEquals(published.size(), stored.size(), "as many stored as published");
        }

        @Override
        public void close() throws Exception {
            running.set(false);
            thread.join();
            connection.close();
        }
    }
}
