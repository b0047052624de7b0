package io.jstan.broker.streaming;

import io.jstan.broker.streaming.InProcessCluster.Node;
import io.jstan.broker.testing.ClientWaits;
import io.jstan.broker.testing.StanClients;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A leader that loses its majority while a publish is on its way: the publish's fate is what the
 * log ends up holding, not the moment leadership was lost.
 */
@Timeout(180)
class LeadershipLossTest {
    /** Long enough for a follower to start again and an election: the client waits that long for its PubAck. */
    private static final Duration PUB_ACK_WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    final InProcessCluster cluster = new InProcessCluster();

    @Test
    void aPublishWhoseEntryIsCommittedAfterTheLeaderLostItsMajorityIsAcknowledged() throws Exception {
        List<Node> nodes = cluster.start(3);
        Node leader = cluster.awaitLeader();
        List<Node> followers = nodes.stream().filter(node -> node != leader).toList();
        StanClients clients = leader.clients();
        try (StreamingConnection client = NatsStreaming.connect(StanClients.CLUSTER_ID, "publisher",
                clients.options().pubAckWait(PUB_ACK_WAIT).build())) {
            client.publish("orders", bytes("before"));
            followers.forEach(Node::stop);

            CompletableFuture<String> answer = new CompletableFuture<>();
            client.publish("orders", bytes("in flight"), (guid, error) -> answer.complete(error == null ? "ok" : error.getMessage()));
            ClientWaits.await(PUB_ACK_WAIT, () -> !leader.serves(), () -> "the leader, alone, steps down");
            // Its log is ahead of the follower's: it is elected again, and commits the entry it proposed.
            cluster.restart(followers.get(0));
            assertEquals("ok", answer.get(PUB_ACK_WAIT.toSeconds(), TimeUnit.SECONDS));

            StanClients.Received received = new StanClients.Received();
            client.subscribe("orders", received, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            ClientWaits.await(() -> received.texts().size() == 2, "both messages are stored: " + received.texts());
            assertEquals(List.of("before", "in flight"), received.texts());
        }
    }
}
