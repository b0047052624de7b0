package io.jstan.raft;

import com.alipay.sofa.jraft.JRaftUtils;
import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.RaftGroupService;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.conf.Configuration;
import com.alipay.sofa.jraft.core.NodeImpl;
import com.alipay.sofa.jraft.core.State;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.option.BootstrapOptions;
import com.alipay.sofa.jraft.option.NodeOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.rpc.RaftRpcServerFactory;
import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.BoltRpcServer;
import com.alipay.sofa.jraft.util.Endpoint;
import io.jstan.raft.ops.MemberAddress;
import io.jstan.raft.ops.Operation;
import io.jstan.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * This node's member of a Raft group (SOFAJRaft, its log in RocksDB): what the engine submits as
 * operations is replicated, and applied on every member by the {@link Replica}, which is also told
 * when this node leads. A node with state restarts from it (its store, its snapshot, its log), with
 * no help from a leader.
 */
public final class RaftNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);
    /** The file SOFAJRaft keeps the term and vote in, once it has taken part in an election. */
    private static final String RAFT_META_FILE = "raft_meta";
    /**
     * The index of the snapshot a group seeded with a store's state starts from: its log follows it.
     * Above 1, the index of the configuration entry SOFAJRaft's bootstrap writes first, which the
     * snapshot then covers.
     */
    private static final long SEED_INDEX = 2;

    static {
        RaftLibraries.configure();
    }

    private final RaftGroup group;
    private final RaftStatistics statistics = new RaftStatistics();
    private final RaftStateChanges stateChanges = new RaftStateChanges(statistics);
    private final MemberAddressBook members;
    private final RaftGroupService service;
    private final OperationStateMachine stateMachine;
    private volatile Node node;
    private boolean closed;

    private RaftNode(RaftGroup group, Store store, Replica replica) {
        this.group = group;
        this.members = MemberAddressBook.in(group.dataDir());
        this.stateMachine = new OperationStateMachine(store, replica, members, stateChanges,
                this::snapshotSoon, group.settings().snapshotLogBytes(), statistics, this::committedIndexOrZero);
        PeerId self = peer(group.address());
        RpcServer rpcServer = rpcServer(self.getEndpoint(), group.settings());
        this.service = new RaftGroupService(group.groupId(), self, nodeOptions(group, stateMachine), rpcServer);
    }

    /**
     * The Raft RPC on the port of {@code self}: on every interface, or on the settings' listen host
     * alone, so that nodes on one machine can each have an address of their own with the same port.
     */
    private static RpcServer rpcServer(Endpoint self, RaftSettings settings) {
        if (settings.listensEverywhere()) {
            return RaftRpcServerFactory.createRaftRpcServer(self);
        }
        RpcServer server = new BoltRpcServer(new com.alipay.remoting.rpc.RpcServer(settings.listenHost(), self.getPort(), true));
        RaftRpcServerFactory.addRaftRequestProcessors(server);
        return server;
    }

    /**
     * This node's member of the group over {@code store}, whose changes it applies through
     * {@code replica}; nothing runs before {@link #start()}. A node without state takes the group's
     * initial members, and records their addresses.
     */
    public static RaftNode create(RaftGroup group, Store store, Replica replica) {
        createDirectories(group);
        boolean fresh = !hasState(group);
        RaftNode created = new RaftNode(group, store, replica);
        if (fresh) {
            group.initialMembers().forEach((nodeId, address) ->
                    created.members.apply(MemberAddress.newBuilder().setNodeId(nodeId).setAddress(address).build()));
        }
        return created;
    }

    /**
     * As {@link #create}, for a node without Raft state whose store holds state that no log carries
     * (a store migrated from nats-streaming-server), and that forms a new group with its initial
     * members: the group starts from a snapshot of the store at index {@value #SEED_INDEX}, its log
     * after it, so that a node that joins later receives the store with the snapshot before any entry.
     *
     * @throws IllegalStateException when the snapshot cannot be taken or the log cannot be written
     */
    public static RaftNode seed(RaftGroup group, Store store, Replica replica) {
        if (hasState(group)) {
            throw new IllegalStateException("the Raft group " + group.groupId() + " in " + group.dataDir() + " already has state");
        }
        RaftNode created = create(group, store, replica);
        BootstrapOptions options = new BootstrapOptions();
        options.setGroupId(group.groupId());
        options.setGroupConf(new Configuration(group.initialMembers().values().stream().map(RaftNode::peer).toList()));
        options.setFsm(created.stateMachine);
        options.setLastLogIndex(SEED_INDEX);
        options.setLogUri(group.logDir().toString());
        options.setRaftMetaUri(group.metaDir().toString());
        options.setSnapshotUri(group.snapshotDir().toString());
        LOG.info("Raft: seeding group {} with the store's state (a snapshot at index {})", group.groupId(), SEED_INDEX);
        String failure = "see the log above";
        boolean seeded = false;
        try {
            seeded = JRaftUtils.bootstrap(options);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (RuntimeException e) {
            failure = e.getMessage();
        }
        if (!seeded) {
            throw new IllegalStateException("the Raft group " + group.groupId() + " could not be seeded with the store's state ("
                    + failure + ")");
        }
        return created;
    }

    /** Whether this node has taken part in the group before (its log, vote or snapshot are there). */
    public static boolean hasState(RaftGroup group) {
        if (Files.exists(group.metaDir().resolve(RAFT_META_FILE))) {
            return true;
        }
        try (var snapshots = Files.list(group.snapshotDir())) {
            return snapshots.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts the node: it listens on its Raft address, loads its snapshot and log, and takes part
     * in elections.
     *
     * @throws IllegalStateException when it cannot (its address is taken, its log cannot be read)
     */
    public void start() {
        Node started = service.start();
        if (started == null) {
            service.shutdown();
            throw new IllegalStateException("the Raft node " + group.address() + " of group " + group.groupId()
                    + " could not start (see the log above)");
        }
        node = started;
        stateChanges.start(started);
        LOG.info("Raft: node {} ({}) of group {} started in {}", group.nodeId(), group.address(), group.groupId(),
                group.dataDir());
    }

    private static NodeOptions nodeOptions(RaftGroup group, OperationStateMachine stateMachine) {
        RaftSettings settings = group.settings();
        NodeOptions options = new NodeOptions();
        options.setFsm(stateMachine);
        options.setLogUri(group.logDir().toString());
        options.setRaftMetaUri(group.metaDir().toString());
        options.setSnapshotUri(group.snapshotDir().toString());
        int electionMillis = (int) settings.electionTimeout().toMillis();
        options.setElectionTimeoutMs(electionMillis);
        options.setSnapshotIntervalSecs((int) settings.snapshotInterval().toSeconds());
        options.setSnapshotLogIndexMargin((int) Math.min(Integer.MAX_VALUE, settings.trailingEntries()));
        options.setInitialConf(new Configuration(group.initialMembers().values().stream().map(RaftNode::peer).toList()));
        // Sized for a broker sharing a few cores, not for a machine of its own.
        options.setTimerPoolSize(2);
        options.setCliRpcThreadPoolSize(1);
        options.setRaftRpcThreadPoolSize(4);
        RaftOptions raft = options.getRaftOptions();
        raft.setSync(settings.sync());
        raft.setMaxElectionDelayMs(Math.max(1, electionMillis / 2));
        // Large entries (a task is up to 1 MB of operations) are sent alone, and whole.
        raft.setMaxBodySize(4 * 1024 * 1024);
        raft.setMaxAppendBufferSize(4 * 1024 * 1024);
        return options;
    }

    private static void createDirectories(RaftGroup group) {
        try {
            Files.createDirectories(group.logDir());
            Files.createDirectories(group.metaDir());
            Files.createDirectories(group.snapshotDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Raft directories in " + group.dataDir(), e);
        }
    }

    /** Proposes operations while this node leads; refuses them otherwise. */
    public StateChanges stateChanges() {
        return stateChanges;
    }

    public RaftGroup group() {
        return group;
    }

    public RaftStatistics statistics() {
        return statistics;
    }

    public boolean isLeader() {
        return node.isLeader();
    }

    /** The leader's Raft address, or empty while there is none known here. */
    public String leader() {
        PeerId leader = node.getLeaderId();
        return leader == null || leader.isEmpty() ? "" : leader.getEndpoint().toString();
    }

    /** Leader, Follower or Candidate, as nats-streaming-server names Raft roles; Shutdown once closed. */
    public String role() {
        State state = node.getNodeState();
        return switch (state) {
            case STATE_LEADER, STATE_TRANSFERRING -> "Leader";
            case STATE_CANDIDATE -> "Candidate";
            case STATE_FOLLOWER -> "Follower";
            case STATE_ERROR -> "Error";
            default -> "Shutdown";
        };
    }

    /** The members' Raft addresses, as this node's current configuration has them. */
    public List<String> members() {
        return ((NodeImpl) node).getCurrentConf().getPeers().stream().map(peer -> peer.getEndpoint().toString()).toList();
    }

    /** The node IDs of the members known here, with their Raft addresses, sorted by node ID. */
    public Map<String, String> memberAddresses() {
        return members.all();
    }

    /** The latest term this node led or followed a leader in; 0 before it has known one. */
    public long term() {
        return stateMachine.term();
    }

    /** The node ID of a member's Raft address, when this node knows it. */
    public Optional<String> nodeIdOf(String address) {
        return members.nodeIdOf(address);
    }

    public long lastLogIndex() {
        return node.getLastLogIndex();
    }

    public long committedIndex() {
        return node.getLastCommittedIndex();
    }

    public long appliedIndex() {
        return node.getLastAppliedLogIndex();
    }

    /**
     * Adds a member (leader only): its address is replicated first, then the group's configuration
     * changes, once the new member has caught up. Completes once the new configuration is committed.
     */
    public CompletableFuture<Void> addMember(String nodeId, String address) {
        PeerId peer = peer(address);
        Operation known = Operation.newBuilder()
                .setMemberAddress(MemberAddress.newBuilder().setNodeId(nodeId).setAddress(address))
                .build();
        return stateChanges.submit(known).thenCompose(recorded -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            node.addPeer(peer, status -> complete(done, status));
            return done;
        });
    }

    /**
     * Replicates this node's own address (leader only), so that every member can name the leader by
     * node ID: those that joined later learned the others' addresses, not the first leader's own.
     */
    public CompletableFuture<Void> announceAddress() {
        return stateChanges.submit(Operation.newBuilder()
                .setMemberAddress(MemberAddress.newBuilder().setNodeId(group.nodeId()).setAddress(group.address()))
                .build());
    }

    /**
     * Removes a member by node ID (leader only). Completes once the new configuration is committed;
     * removing a node that is not a member changes nothing and succeeds, as in nats-streaming-server.
     */
    public CompletableFuture<Void> removeMember(String nodeId) {
        String address = members.addressOf(nodeId).orElse(null);
        if (address == null) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        node.removePeer(peer(address), status -> complete(done, status));
        Operation forgotten = Operation.newBuilder().setMemberAddress(MemberAddress.newBuilder().setNodeId(nodeId)).build();
        return done.thenCompose(removed -> stateChanges.submit(forgotten));
    }

    /**
     * Asks the leader (this node) to hand leadership to {@code nodeId}, or, when empty, to the most
     * up-to-date follower.
     *
     * @throws IllegalStateException when it cannot (not the leader, no such member, a transfer under way)
     */
    public void transferLeadership(String nodeId) {
        PeerId target = PeerId.ANY_PEER;
        if (!nodeId.isEmpty()) {
            target = peer(members.addressOf(nodeId)
                    .orElseThrow(() -> new IllegalStateException("no member with node ID \"" + nodeId + "\"")));
        }
        Status status = node.transferLeadershipTo(target);
        if (!status.isOk()) {
            throw new IllegalStateException(status.getErrorMsg());
        }
    }

    /** Takes a snapshot now; completes once it is saved. */
    public CompletableFuture<Void> snapshot() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        node.snapshot(status -> complete(done, status));
        return done;
    }

    /** 0 before the node started and once it shuts down (SOFAJRaft throws then), when a follower may still apply. */
    private long committedIndexOrZero() {
        Node started = node;
        if (started == null) {
            return 0;
        }
        try {
            return started.getLastCommittedIndex();
        } catch (IllegalStateException notActive) {
            return 0;
        }
    }

    private void snapshotSoon() {
        Node started = node;
        if (started != null) {
            started.snapshot(null);
        }
    }

    static PeerId peer(String address) {
        PeerId peer = PeerId.parsePeer(address);
        if (peer == null || peer.isEmpty()) {
            throw new IllegalArgumentException("invalid Raft address \"" + address + "\": expected host:port");
        }
        return peer;
    }

    private static void complete(CompletableFuture<Void> done, Status status) {
        if (status.isOk()) {
            done.complete(null);
        } else {
            done.completeExceptionally(new IllegalStateException(status.getErrorMsg()));
        }
    }

    /** Stops proposing, then stops the node; the store is the caller's to close afterwards. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stateChanges.close();
        service.shutdown();
        try {
            service.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Raft: node {} of group {} stopped", group.nodeId(), group.groupId());
    }
}
