package io.jstan.cli.tools;

import io.jstan.broker.bus.BusSubscription;
import io.jstan.broker.bus.JnatsBus;
import io.jstan.broker.bus.NoRespondersException;
import io.jstan.broker.cluster.ClusterStatus;
import io.jstan.broker.cluster.ClusterSubjects;
import io.jstan.cli.options.UsageException;
import io.jstan.raft.proto.MemberStatus;
import io.jstan.raft.proto.NodeStatus;
import io.nats.client.Options;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code jstan cluster status|transfer|add|remove}: a cluster's members and leader, and the changes
 * an administrator makes to it, as NATS requests to its nodes. {@code status} asks every node, so it
 * works without a leader; the others ask the leader, which takes them only when its nodes run with
 * {@code --cluster_allow_add_remove_node}.
 */
@Command(name = "jstan cluster", sortOptions = false, description = {
        "Shows a cluster, or changes it:",
        "  status              every member, its role, its log and how far behind the leader it is",
        "  transfer [<node>]   the leader hands leadership to <node> (to the most up-to-date follower without one)",
        "  add <node>          the leader adds <node> (its node ID, or id@host:port before it runs)",
        "  remove <node>       the leader removes <node>",
        "  snapshot            every node takes a snapshot now (for a backup: copy its snapshot directory)"})
final class ClusterCommand implements ClientTool {
    private static final Duration STATUS_ANSWERS = Duration.ofSeconds(1);
    private static final Duration CHANGE_ANSWER = Duration.ofSeconds(15);
    private static final Duration SNAPSHOT_ANSWER = Duration.ofMinutes(2);
    private static final String STATUS_ROW = "%-12s %-24s %-10s %10s %10s %8s%n";

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this message")
    boolean help;

    @Parameters(index = "0", paramLabel = "<action>", description = "status, transfer, add, remove or snapshot")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<node>", description = "The node the action is about")
    String node;

    @Override
    public int run(PrintStream out, PrintStream err) throws UsageException, IOException, TimeoutException, InterruptedException {
        String subject = switch (action) {
            case "status", "snapshot" -> null;
            case "transfer" -> ClusterSubjects.transferLeadership(connection.clusterId);
            case "add" -> ClusterSubjects.addNode(connection.clusterId);
            case "remove" -> ClusterSubjects.removeNode(connection.clusterId);
            default -> throw new UsageException("unknown action '" + action + "' (status, transfer, add, remove or snapshot)");
        };
        if ((action.equals("add") || action.equals("remove")) && (node == null || node.isBlank())) {
            throw new UsageException(action + " needs the node it is about");
        }
        try (JnatsBus bus = JnatsBus.connect(new Options.Builder().server(connection.url).connectionName("jstan-cluster")
                .errorListener(new ToolErrorListener(err)).build())) {
            if (action.equals("snapshot")) {
                return snapshot(bus, out, err);
            }
            return subject == null ? status(bus, out, err) : change(bus, subject, out, err);
        }
    }

    private int status(JnatsBus bus, PrintStream out, PrintStream err) throws InterruptedException {
        List<NodeStatus> answers = ClusterStatus.gather(bus, connection.clusterId, Integer.MAX_VALUE, STATUS_ANSWERS);
        if (answers.isEmpty()) {
            err.println("jstan cluster: no node of cluster '" + connection.clusterId + "' answered at " + connection.url);
            return 1;
        }
        Optional<NodeStatus> leader = answers.stream().filter(status -> status.getRole().equals("Leader"))
                .max((a, b) -> Long.compare(a.getTerm(), b.getTerm()));
        out.println("Cluster " + connection.clusterId + ": " + leader.map(l -> "leader " + l.getNodeId() + ", term " + l.getTerm())
                .orElse("no leader"));
        out.printf(STATUS_ROW, "NODE", "RAFT ADDRESS", "ROLE", "LAST LOG", "APPLIED", "LAG");
        long leaderLog = leader.map(NodeStatus::getLastLogIndex).orElse(0L);
        for (Map.Entry<String, String> member : members(answers).entrySet()) {
            Optional<NodeStatus> answer = answers.stream().filter(status -> status.getAddress().equals(member.getKey())).findFirst();
            if (answer.isEmpty()) {
                out.printf(STATUS_ROW, member.getValue(), member.getKey(), "(no answer)", "", "", "");
                continue;
            }
            NodeStatus status = answer.get();
            out.printf(STATUS_ROW, status.getNodeId(), status.getAddress(), status.getRole(), status.getLastLogIndex(),
                    status.getAppliedIndex(), leader.isPresent() ? Math.max(0, leaderLog - status.getLastLogIndex()) : "?");
        }
        return 0;
    }

    /** Asks every node for a snapshot, and prints each one's answer as it comes, until all members answered. */
    private int snapshot(JnatsBus bus, PrintStream out, PrintStream err) throws InterruptedException {
        int members = members(ClusterStatus.gather(bus, connection.clusterId, Integer.MAX_VALUE, STATUS_ANSWERS)).size();
        if (members == 0) {
            err.println("jstan cluster: no node of cluster '" + connection.clusterId + "' answered at " + connection.url);
            return 1;
        }
        BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        String inbox = bus.newInbox();
        BusSubscription subscription = bus.subscribe(inbox, null,
                (subject, reply, data) -> answers.add(new String(data, StandardCharsets.UTF_8)));
        try {
            bus.flush(CHANGE_ANSWER);
            bus.publish(ClusterSubjects.snapshot(connection.clusterId), inbox, new byte[0]);
            int failed = 0;
            for (int answered = 0; answered < members; answered++) {
                String answer = answers.poll(SNAPSHOT_ANSWER.toMillis(), TimeUnit.MILLISECONDS);
                if (answer == null) {
                    err.println("jstan cluster: " + (members - answered) + " member(s) did not answer in time");
                    return 1;
                }
                if (answer.startsWith("+OK ")) {
                    out.println("snapshot taken on node " + answer.substring("+OK ".length()));
                } else {
                    err.println("jstan cluster: " + answer.substring(answer.startsWith("-ERR ") ? "-ERR ".length() : 0));
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        } finally {
            subscription.unsubscribe();
        }
    }

    /** Raft address to node ID of every member: as the leader's configuration has them, or any node's without one. */
    private static Map<String, String> members(List<NodeStatus> answers) {
        Map<String, String> members = new LinkedHashMap<>();
        List<NodeStatus> byAuthority = new ArrayList<>(answers);
        byAuthority.sort((a, b) -> Boolean.compare(b.getRole().equals("Leader"), a.getRole().equals("Leader")));
        for (NodeStatus status : byAuthority) {
            for (MemberStatus member : status.getMembersList()) {
                members.putIfAbsent(member.getAddress(), member.getNodeId().isEmpty() ? "?" : member.getNodeId());
            }
            members.putIfAbsent(status.getAddress(), status.getNodeId());
        }
        return members;
    }

    private int change(JnatsBus bus, String subject, PrintStream out, PrintStream err) throws InterruptedException {
        byte[] payload = (node == null ? "" : node.trim()).getBytes(StandardCharsets.UTF_8);
        String answer;
        try {
            answer = new String(bus.request(subject, payload, CHANGE_ANSWER).get(), StandardCharsets.UTF_8);
        } catch (ExecutionException e) {
            err.println("jstan cluster: " + (e.getCause() instanceof NoRespondersException
                    ? "no leader of cluster '" + connection.clusterId + "' takes this request (is there a leader, and do its"
                            + " nodes run with --cluster_allow_add_remove_node?)"
                    : "no answer from the leader: " + e.getCause().getMessage()));
            return 1;
        }
        if (answer.startsWith("+OK")) {
            out.println(action + (node == null || node.isBlank() ? "" : " " + node) + ": done");
            return 0;
        }
        err.println("jstan cluster: " + (answer.startsWith("-ERR ") ? answer.substring("-ERR ".length()) : answer));
        return 1;
    }
}
