package io.jstan.broker.monitor;

import io.jstan.broker.cluster.ClusterNode;
import io.jstan.broker.streaming.StreamingServer;
import io.jstan.raft.proto.MemberStatus;
import io.jstan.raft.proto.NodeStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * /streaming/clusterz: this node's view of the cluster, and each member's as it answers over NATS
 * (within a quarter of a second). 404 on a server that is not clustered.
 */
final class ClusterzEndpoint implements Endpoint {
    private static final Duration ANSWERS = Duration.ofMillis(250);

    private final AttachedStreaming streaming;

    ClusterzEndpoint(AttachedStreaming streaming) {
        this.streaming = streaming;
    }

    @Override
    public String path() {
        return "/streaming/clusterz";
    }

    @Override
    public Clusterz respond(QueryParameters query) {
        StreamingServer server = streaming.require();
        ClusterNode cluster = server.cluster().orElseThrow(() -> new NotFoundException("not clustered"));
        List<NodeStatus> statuses;
        try {
            statuses = cluster.statuses(ANSWERS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotFoundException("interrupted");
        }
        NodeStatus self = statuses.get(0);
        long leaderLog = statuses.stream().filter(status -> status.getRole().equals("Leader"))
                .mapToLong(NodeStatus::getLastLogIndex).max().orElse(self.getLastLogIndex());
        List<Clusterz.Peer> peers = new ArrayList<>();
        for (MemberStatus member : self.getMembersList()) {
            Optional<NodeStatus> answer = statuses.stream().filter(status -> status.getAddress().equals(member.getAddress())).findFirst();
            peers.add(answer.map(status -> new Clusterz.Peer(status.getNodeId(), status.getAddress(), true, status.getRole(),
                            status.getLastLogIndex(), status.getAppliedIndex(), Math.max(0, leaderLog - status.getLastLogIndex())))
                    .orElse(new Clusterz.Peer(member.getNodeId(), member.getAddress(), false, "", 0, 0, 0)));
        }
        return new Clusterz(server.clusterId(), server.serverId(), Instant.now(), self.getNodeId(), self.getAddress(),
                self.getRole(), self.getTerm(), self.getLeader(), self.getLastLogIndex(), self.getCommittedIndex(),
                self.getAppliedIndex(), peers);
    }
}
