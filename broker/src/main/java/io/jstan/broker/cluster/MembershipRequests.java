package io.jstan.broker.cluster;

import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
import io.jstan.raft.RaftNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * With {@code --cluster_allow_add_remove_node}, the leader adds and removes members at the request
 * of anyone who can publish on {@code _STAN.raft.<cluster ID>.node.add} and {@code .node.remove},
 * as nats-streaming-server's does: the payload is the node ID, the answer {@code +OK} or
 * {@code -ERR <reason>}. jstan also takes {@code id@host:port}, for a node whose Raft address its
 * own answer cannot tell (it is not running yet).
 */
final class MembershipRequests {
    private static final Logger LOG = LoggerFactory.getLogger(MembershipRequests.class);
    private static final byte[] OK = "+OK".getBytes(StandardCharsets.UTF_8);

    private final Bus bus;
    private final String clusterId;
    private final RaftNode node;
    private final RaftAddresses addresses;

    MembershipRequests(Bus bus, String clusterId, RaftNode node, RaftAddresses addresses) {
        this.bus = bus;
        this.clusterId = clusterId;
        this.node = node;
        this.addresses = addresses;
    }

    /** Listens for both requests; the caller unsubscribes when this node stops leading. */
    List<BusSubscription> serve() {
        return List.of(
                bus.subscribe(ClusterSubjects.addNode(clusterId), null, (subject, reply, data) -> add(reply, text(data))),
                bus.subscribe(ClusterSubjects.removeNode(clusterId), null, (subject, reply, data) -> remove(reply, text(data))));
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
