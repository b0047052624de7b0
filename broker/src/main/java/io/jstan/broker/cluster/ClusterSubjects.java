package io.jstan.broker.cluster;

/** The subjects the nodes of a cluster talk on, nats-streaming-server's where it has them. */
public final class ClusterSubjects {
    private static final String PREFIX = "_STAN.raft.";

    private ClusterSubjects() {
    }

    /** A node without state asks the leader to add it. */
    static String join(String clusterId) {
        return PREFIX + clusterId + ".join";
    }

    /** With {@code --cluster_allow_add_remove_node}: the leader adds the node the payload names. */
    static String addNode(String clusterId) {
        return PREFIX + clusterId + ".node.add";
    }

    /** With {@code --cluster_allow_add_remove_node}: the leader removes the node the payload names. */
    static String removeNode(String clusterId) {
        return PREFIX + clusterId + ".node.remove";
    }

    /** jstan's own: a leader handing over sends the next one the requests it held; only the serving leader listens. */
    public static String handover(String clusterId) {
        return PREFIX + clusterId + ".handover";
    }

    /** jstan's own: a node answers with its Raft address, so that peers may be named by node ID alone. */
    static String raftAddress(String clusterId, String nodeId) {
        return PREFIX + clusterId + ".addr." + nodeId;
    }
}
