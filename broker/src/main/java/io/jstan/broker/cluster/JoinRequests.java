package io.jstan.broker.cluster;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
import io.jstan.raft.RaftNode;
import io.jstan.raft.proto.RaftJoinRequest;
import io.jstan.raft.proto.RaftJoinResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A node started without state, without peers and without {@code --cluster_bootstrap} joins the
 * cluster: it asks on {@code _STAN.raft.<cluster ID>.join}, as nats-streaming-server's does, and the
 * leader adds it. Every node listens; only the leader answers.
 */
final class JoinRequests {
    private static final Logger LOG = LoggerFactory.getLogger(JoinRequests.class);
    /** How long a joining node waits for each answer: adding it takes its catching up with the log. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    private static final long JOIN_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private JoinRequests() {
    }

    /** Answers join requests while this node leads. */
    static BusSubscription serve(Bus bus, String clusterId, RaftNode node) {
        return bus.subscribe(ClusterSubjects.join(clusterId), null, (subject, reply, data) -> {
            if (!node.isLeader()) {
                return;
            }
            RaftJoinRequest request;
            try {
                request = RaftJoinRequest.parseFrom(data);
            } catch (InvalidProtocolBufferException e) {
                LOG.error("Invalid join request for Raft group {}", clusterId);
                return;
            }
            if (request.getNodeID().equals(node.group().nodeId()) || request.getNodeAddr().isEmpty()) {
                answer(bus, reply, "invalid join request from node \"" + request.getNodeID() + "\"");
                return;
            }
            LOG.info("Node \"{}\" ({}) asks to join", request.getNodeID(), request.getNodeAddr());
            node.addMember(request.getNodeID(), request.getNodeAddr()).whenComplete((added, failure) -> {
                if (failure != null) {
                    LOG.error("Error adding node \"{}\": {}", request.getNodeID(), failure.getMessage());
                    answer(bus, reply, failure.getMessage());
                } else {
                    LOG.info("Added node \"{}\"", request.getNodeID());
                    answer(bus, reply, "");
                }
            });
        });
    }

    private static void answer(Bus bus, String reply, String error) {
        if (reply != null && !reply.isEmpty()) {
            bus.publish(reply, null, RaftJoinResponse.newBuilder().setError(error).build().toByteArray());
        }
    }

    /**
     * Asks the leader to add this node until it is a member of the group's configuration.
     *
     * @throws ClusterStartException when it is not within a minute
     */
    static void join(Bus bus, String clusterId, RaftNode node) throws InterruptedException {
        LOG.info("Joining Raft group {}", clusterId);
        byte[] request = RaftJoinRequest.newBuilder()
                .setNodeID(node.group().nodeId())
                .setNodeAddr(node.group().address())
                .build()
                .toByteArray();
        long deadline = System.nanoTime() + JOIN_DEADLINE_NANOS;
        while (!node.members().contains(node.group().address())) {
            if (System.nanoTime() - deadline > 0) {
                throw new ClusterStartException("failed to join Raft group " + clusterId);
            }
            try {
                RaftJoinResponse response = RaftJoinResponse.parseFrom(
                        bus.request(ClusterSubjects.join(clusterId), request, ANSWER_TIMEOUT).get());
                if (!response.getError().isEmpty()) {
                    LOG.debug("Join refused, trying again: {}", response.getError());
                }
            } catch (ExecutionException | InvalidProtocolBufferException e) {
                LOG.debug("No answer to the join request yet: {}", e.getMessage());
            }
            if (!node.members().contains(node.group().address())) {
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
        LOG.info("Joined Raft group {}", clusterId);
    }
}
