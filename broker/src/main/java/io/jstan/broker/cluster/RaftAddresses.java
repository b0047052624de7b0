package io.jstan.broker.cluster;

import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Node IDs to Raft addresses over the NATS network: every node answers for itself, so that
 * {@code --cluster_peers} may name peers by node ID alone, as nats-streaming-server's does.
 */
final class RaftAddresses {
    private static final Logger LOG = LoggerFactory.getLogger(RaftAddresses.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMillis(500);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(250);
    private static final long WAITING_LOG_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Bus bus;
    private final String clusterId;

    RaftAddresses(Bus bus, String clusterId) {
        this.bus = bus;
        this.clusterId = clusterId;
    }

    /** Answers requests for this node's address until unsubscribed. */
    BusSubscription answerFor(String nodeId, String address) {
        byte[] answer = address.getBytes(StandardCharsets.UTF_8);
        return bus.subscribe(ClusterSubjects.raftAddress(clusterId, nodeId), null, (subject, reply, data) -> {
            if (reply != null && !reply.isEmpty()) {
                bus.publish(reply, null, answer);
            }
        });
    }

    /** The node's address, if it answers in time. */
    CompletableFuture<Optional<String>> ask(String nodeId) {
        return bus.request(ClusterSubjects.raftAddress(clusterId, nodeId), new byte[0], REQUEST_TIMEOUT)
                .handle((answer, silence) -> silence != null
                        ? Optional.empty()
                        : Optional.of(new String(answer, StandardCharsets.UTF_8)));
    }

    /**
     * The addresses of every peer, those given and those asked for: waits for each peer that has
     * not answered yet, however long it takes, saying so every few seconds.
     */
    Map<String, String> resolve(List<ClusterPeer> peers) throws InterruptedException {
        Map<String, String> addresses = new LinkedHashMap<>();
        long nextLog = System.nanoTime() + WAITING_LOG_NANOS;
        for (ClusterPeer peer : peers) {
            String address = peer.raftAddress();
            while (address.isEmpty()) {
                try {
                    address = ask(peer.nodeId()).get().orElse("");
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                }
                if (address.isEmpty()) {
                    if (System.nanoTime() - nextLog >= 0) {
                        LOG.info("Waiting for peer \"{}\" to tell its Raft address", peer.nodeId());
                        nextLog = System.nanoTime() + WAITING_LOG_NANOS;
                    }
                    Thread.sleep(RETRY_PAUSE.toMillis());
                }
            }
            addresses.put(peer.nodeId(), address);
        }
        return addresses;
    }
}
