package io.jstan.broker.cluster;

/** The subjects the nodes of a cluster talk on, nats-streaming-server's where it has them. */
public final class ClusterSubjects {
    private static final String PREFIX = "_STAN.raft.";

    private ClusterSubjects() {
    }

    /** A node without state asks the leader to add it. */
    public static String join(String clusterId) {
        return PREFIX + clusterId + ".join";
    }

    /** With {@code --cluster_allow_add_remove_node}: the leader adds the node the payload names. */
    public static String addNode(String clusterId) {
        return PREFIX + clusterId + ".node.add";
    }

    /** With {@code --cluster_allow_add_remove_node}: the leader removes the node the payload names. */
    public static String removeNode(String clusterId) {
        return PREFIX + clusterId + ".node.remove";
    }

    /** jstan's own: every node answers with its view of the group (a NodeStatus). */
    public static String status(String clusterId) {
        return PREFIX + clusterId + ".status";
    }

    /** jstan's own: every node takes a snapshot, and answers once it is saved (+OK, or -ERR and why). */
    public static String snapshot(String clusterId) {
        return PREFIX + clusterId + ".snapshot";
    }

    /** jstan's own, with {@code --cluster_allow_add_remove_node}: the leader hands leadership to the node the payload names (any when empty). */
    public static String transferLeadership(String clusterId) {
        return PREFIX + clusterId + ".leader.transfer";
    }

    /** jstan's own: a leader handing over sends the next one the requests it held; only the serving leader listens. */
    public static String handover(String clusterId) {
        return PREFIX + clusterId + ".handover";
    }

    /** jstan's own: a node answers with its Raft address, so that peers may be named by node ID alone. */
    public static String raftAddress(String clusterId, String nodeId) {
        return PREFIX + clusterId + ".addr." + nodeId;
    }
}
