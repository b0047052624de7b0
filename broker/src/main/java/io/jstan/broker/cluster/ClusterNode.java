package io.jstan.broker.cluster;

import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
import io.jstan.raft.RaftGroup;
import io.jstan.raft.RaftNode;
import io.jstan.raft.Replica;
import io.jstan.raft.ops.Operation;
import io.jstan.raft.proto.NodeStatus;
import io.jstan.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * This node's part in a cluster: its Raft node, and what it does on the NATS network for the
 * others (tells its Raft address, answers join requests when it leads, and with
 * {@code --cluster_allow_add_remove_node} add and remove requests). Forms a new cluster as
 * nats-streaming-server does: with {@code --cluster_peers}, or alone with
 * {@code --cluster_bootstrap}, or by joining one; a node with state uses its stored configuration.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final Bus bus;
    private final String clusterId;
    private final ClusterOptions options;
    private final RaftAddresses addresses;
    private final List<BusSubscription> subscriptions = new ArrayList<>();
    private final List<BusSubscription> leaderSubscriptions = new ArrayList<>();
    private final boolean joins;
    private final LeadershipTransfer transfer;
    private RaftNode raft;

    private ClusterNode(Bus bus, String clusterId, ClusterOptions options, boolean joins, LeadershipTransfer transfer) {
        this.bus = bus;
        this.clusterId = clusterId;
        this.options = options;
        this.addresses = new RaftAddresses(bus, clusterId);
        this.joins = joins;
        this.transfer = transfer;
    }

    /**
     * This node's part in the cluster, over {@code store}, applying through {@code replica}: the
     * Raft node is made (nothing runs before {@link #start()}), and this node's Raft address is
     * told to whoever asks. A new cluster's members are resolved first: this waits for every peer
     * named by node ID alone to tell its address. {@code transfer} hands leadership over when an
     * administrator asks for it.
     *
     * @throws ClusterStartException when the node cannot take part (state in the store but none in
     *     the log path, except a migrated store that seeds a new cluster with --cluster_bootstrap)
     */
    public static ClusterNode create(Bus bus, String clusterId, String nodeId, ClusterOptions options, Store store,
            Replica replica, boolean storeHasState, LeadershipTransfer transfer) throws InterruptedException {
        RaftGroup bare = new RaftGroup(clusterId, nodeId, options.raftAddress(), options.logPath().resolve(clusterId),
                Map.of(), options.raft());
        boolean raftHasState = RaftNode.hasState(bare);
        // A store that holds state but never applied an entry was migrated: it may seed a new group.
        boolean migrated = storeHasState && !raftHasState && store.lastAppliedIndex() == 0;
        if (storeHasState && !raftHasState && !(migrated && options.bootstrap())) {
            throw new ClusterStartException(String.format("streaming state was recovered but cluster log path \"%s\" is empty%s",
                    options.logPath(), migrated ? " (a migrated store seeds a new cluster with --cluster_bootstrap)" : ""));
        }
        boolean joins = !raftHasState && !options.bootstrap() && options.peers().isEmpty();
        ClusterNode node = new ClusterNode(bus, clusterId, options, joins, transfer);
        node.subscriptions.add(node.addresses.answerFor(nodeId, options.raftAddress()));
        Map<String, String> initialMembers = raftHasState || joins ? Map.of() : node.initialMembers(nodeId);
        RaftGroup group = new RaftGroup(clusterId, nodeId, options.raftAddress(), bare.dataDir(), initialMembers, options.raft());
        if (migrated) {
            try {
                node.raft = RaftNode.seed(group, store, node.new LeadershipAware(replica));
            } catch (IllegalStateException e) {
                throw new ClusterStartException(e.getMessage());
            }
        } else {
            node.raft = RaftNode.create(group, store, node.new LeadershipAware(replica));
        }
        return node;
    }

    private Map<String, String> initialMembers(String nodeId) throws InterruptedException {
        List<ClusterPeer> others = options.peers().stream().filter(peer -> !peer.nodeId().equals(nodeId)).toList();
        Map<String, String> members = new TreeMap<>(addresses.resolve(others));
        members.put(nodeId, options.raftAddress());
        LOG.info("Bootstrapping Raft group {} {}", clusterId, others.isEmpty() ? "as seed node" : "using provided configuration");
        return members;
    }

    /**
     * Starts the Raft node, then answers on the group's subjects (a request that came before
     * would find no node to ask), and joins the cluster when this node has neither state nor peers nor
     * {@code --cluster_bootstrap}.
     *
     * @throws ClusterStartException when it cannot join
     */
    public void start() throws InterruptedException {
        raft.start();
        subscriptions.add(JoinRequests.serve(bus, clusterId, raft));
        subscriptions.add(ClusterStatus.answer(bus, clusterId, raft));
        subscriptions.add(snapshotsOnRequest());
        if (joins) {
            JoinRequests.join(bus, clusterId, raft);
        }
    }

    public RaftNode raft() {
        return raft;
    }

    /** Takes a snapshot when asked on {@code _STAN.raft.<cluster ID>.snapshot}, and answers once it is saved: for backups. */
    private BusSubscription snapshotsOnRequest() {
        return bus.subscribe(ClusterSubjects.snapshot(clusterId), null, (subject, reply, data) ->
                raft.snapshot().whenComplete((saved, failure) -> {
                    String answer = failure == null ? "+OK " + raft.group().nodeId()
                            : "-ERR snapshot of node \"" + raft.group().nodeId() + "\": " + failure.getMessage();
                    if (reply != null && !reply.isEmpty()) {
                        bus.publish(reply, null, answer.getBytes(StandardCharsets.UTF_8));
                    }
                }));
    }

    /** Every member's view of the group, as many as answer within {@code timeout}; this node's first. */
    public List<NodeStatus> statuses(Duration timeout) throws InterruptedException {
        List<NodeStatus> all = new ArrayList<>(List.of(ClusterStatus.of(raft)));
        int others = Math.max(0, raft.members().size() - 1);
        for (NodeStatus status : ClusterStatus.gather(bus, clusterId, others + 1, timeout)) {
            if (!status.getNodeId().equals(raft.group().nodeId())) {
                all.add(status);
            }
        }
        return all;
    }

    @Override
    public void close() {
        subscriptions.forEach(BusSubscription::unsubscribe);
        synchronized (leaderSubscriptions) {
            leaderSubscriptions.forEach(BusSubscription::unsubscribe);
            leaderSubscriptions.clear();
        }
        if (raft != null) {
            raft.close();
        }
    }

    /** The engine's replica, with this node's leader-only requests started and stopped around it. */
    private final class LeadershipAware implements Replica {
        private final Replica engine;

        LeadershipAware(Replica engine) {
            this.engine = engine;
        }

        @Override
        public void apply(Operation operation) {
            engine.apply(operation);
        }

        @Override
        public void leadershipAcquired() {
            engine.leadershipAcquired();
            raft.announceAddress();
            if (options.allowAddRemoveNode()) {
                synchronized (leaderSubscriptions) {
                    leaderSubscriptions.addAll(new AdminRequests(bus, clusterId, raft, addresses, transfer).serve());
                }
            }
        }

        @Override
        public void leadershipLost() {
            synchronized (leaderSubscriptions) {
                leaderSubscriptions.forEach(BusSubscription::unsubscribe);
                leaderSubscriptions.clear();
            }
            engine.leadershipLost();
        }

        @Override
        public void restoreStore(Path copy) {
            engine.restoreStore(copy);
        }

        @Override
        public void failed(String reason) {
            engine.failed(reason);
            options.onFailure().accept(reason);
        }
    }
}
