package io.jstan.broker.cluster;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
import io.jstan.raft.RaftNode;
import io.jstan.raft.proto.MemberStatus;
import io.jstan.raft.proto.NodeStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What each node knows of its group: every node answers on {@code _STAN.raft.<cluster ID>.status},
 * so that anyone on the NATS network (a node's /streaming/clusterz, {@code jstan cluster status})
 * can see every member, leader or not, even while there is no leader.
 */
public final class ClusterStatus {

    private ClusterStatus() {
    }

    /** This node's view. */
    public static NodeStatus of(RaftNode raft) {
        NodeStatus.Builder status = NodeStatus.newBuilder()
                .setNodeId(raft.group().nodeId())
                .setAddress(raft.group().address())
                .setRole(raft.role())
                .setTerm(raft.term())
                .setLastLogIndex(raft.lastLogIndex())
                .setCommittedIndex(raft.committedIndex())
                .setAppliedIndex(raft.appliedIndex());
        String leader = raft.leader();
        if (!leader.isEmpty()) {
            status.setLeader(raft.nodeIdOf(leader).orElse(leader));
        }
        for (String address : raft.members()) {
            status.addMembers(MemberStatus.newBuilder().setAddress(address).setNodeId(raft.nodeIdOf(address).orElse("")));
        }
        return status.build();
    }

    /** Answers status requests with this node's view, until unsubscribed. */
    static BusSubscription answer(Bus bus, String clusterId, RaftNode raft) {
        return bus.subscribe(ClusterSubjects.status(clusterId), null, (subject, reply, data) -> {
            if (reply != null && !reply.isEmpty()) {
                bus.publish(reply, null, of(raft).toByteArray());
            }
        });
    }

    /**
     * Asks every node for its view; returns the answers that came within {@code timeout}, or as soon
     * as {@code expected} did.
     */
    public static List<NodeStatus> gather(Bus bus, String clusterId, int expected, Duration timeout) throws InterruptedException {
        List<NodeStatus> answers = new ArrayList<>();
        String inbox = bus.newInbox();
        BusSubscription subscription = bus.subscribe(inbox, null, (subject, reply, data) -> {
            try {
                NodeStatus status = NodeStatus.parseFrom(data);
                synchronized (answers) {
                    answers.add(status);
                    answers.notifyAll();
                }
            } catch (InvalidProtocolBufferException e) {
                // Not a status: ignored.
            }
        });
        try {
            bus.flush(timeout);
            bus.publish(ClusterSubjects.status(clusterId), inbox, new byte[0]);
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (answers) {
                long left;
                while (answers.size() < expected && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(answers, left);
                }
                return List.copyOf(answers);
            }
        } finally {
            subscription.unsubscribe();
        }
    }
}
