package io.jstan.broker.cluster;

import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
import io.jstan.raft.RaftNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * With {@code --cluster_allow_add_remove_node}, the leader changes the cluster at the request of
 * anyone who can publish on its subjects. As nats-streaming-server's: {@code _STAN.raft.<cluster
 * ID>.node.add} and {@code .node.remove} add and remove the member the payload names, answering
 * {@code +OK} or {@code -ERR <reason>}; jstan also takes {@code id@host:port}, for a node whose
 * Raft address its own answer cannot tell (it is not running yet). jstan's own: {@code
 * .leader.transfer} hands leadership to the node named (any when empty).
 */
final class AdminRequests {
    private static final Logger LOG = LoggerFactory.getLogger(AdminRequests.class);
    private static final byte[] OK = "+OK".getBytes(StandardCharsets.UTF_8);
    private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(10);

    private final Bus bus;
    private final String clusterId;
    private final RaftNode node;
    private final RaftAddresses addresses;
    private final LeadershipTransfer transfer;

    AdminRequests(Bus bus, String clusterId, RaftNode node, RaftAddresses addresses, LeadershipTransfer transfer) {
        this.bus = bus;
        this.clusterId = clusterId;
        this.node = node;
        this.addresses = addresses;
        this.transfer = transfer;
    }

    /** Listens for the requests; the caller unsubscribes when this node stops leading. */
    List<BusSubscription> serve() {
        return List.of(
                bus.subscribe(ClusterSubjects.addNode(clusterId), null, (subject, reply, data) -> add(reply, text(data))),
                bus.subscribe(ClusterSubjects.removeNode(clusterId), null, (subject, reply, data) -> remove(reply, text(data))),
                bus.subscribe(ClusterSubjects.transferLeadership(clusterId), null,
                        (subject, reply, data) -> transfer(reply, text(data))));
    }

    /** Hands leadership over from a thread of its own: it takes until the next leader serves. */
    private void transfer(String reply, String nodeId) {
        Thread handingOver = new Thread(() -> {
            try {
                if (transfer.handOver(nodeId, TRANSFER_TIMEOUT)) {
                    publish(reply, OK);
                } else {
                    refuse(reply, "transferring leadership to", nodeId.isEmpty() ? "any" : nodeId, "leadership did not move");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jstan-leader-transfer");
        handingOver.setDaemon(true);
        handingOver.start();
    }

    private void add(String reply, String request) {
        ClusterPeer peer = ClusterPeer.parse(request);
        if (peer.nodeId().isEmpty()) {
            refuse(reply, "adding", peer.nodeId(), "invalid node ID");
            return;
        }
        CompletableFuture<Optional<String>> address = peer.raftAddress().isEmpty()
                ? addresses.ask(peer.nodeId())
                : CompletableFuture.completedFuture(Optional.of(peer.raftAddress()));
        address.thenAccept(known -> {
            if (known.isEmpty()) {
                refuse(reply, "adding", peer.nodeId(), "its Raft address is unknown (start it first, or name it as id@host:port)");
            } else {
                answer(reply, "adding", peer.nodeId(), "Added", node.addMember(peer.nodeId(), known.get()));
            }
        });
    }

    private void remove(String reply, String nodeId) {
        answer(reply, "removing", nodeId, "Removed", node.removeMember(nodeId));
    }

    private void answer(String reply, String action, String nodeId, String done, CompletableFuture<Void> change) {
        change.whenComplete((changed, failure) -> {
            if (failure != null) {
                refuse(reply, action, nodeId, failure.getMessage());
                return;
            }
            LOG.info("{} node \"{}\"", done, nodeId);
            publish(reply, OK);
        });
    }

    private void refuse(String reply, String action, String nodeId, String reason) {
        LOG.error("Error {} node \"{}\": {}", action, nodeId, reason);
        publish(reply, ("-ERR " + action + " node \"" + nodeId + "\": " + reason).getBytes(StandardCharsets.UTF_8));
    }

    private void publish(String reply, byte[] answer) {
        if (reply != null && !reply.isEmpty()) {
            bus.publish(reply, null, answer);
        }
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8).trim();
    }
}
