package io.jstan.broker.monitor;

import io.jstan.broker.streaming.ChannelView;
import io.jstan.broker.streaming.StreamingServer;
import io.jstan.broker.streaming.SubscriptionView;
import io.jstan.raft.RaftNode;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.function.ToDoubleFunction;

/**
 * The streaming server's metrics, read from its views at each scrape: clients, channels, subscriptions,
 * what is stored (in all and by channel), pending acks by channel, and the traffic counters. While no
 * streaming server is attached they have no samples, and the text format leaves them out.
 */
final class StreamingMetrics {
    private static final String CHANNEL = "channel";

    private StreamingMetrics() {
    }

    static void register(PrometheusRegistry registry, AttachedStreaming streaming) {
        Registrar metrics = new Registrar(registry, streaming);
        metrics.gauge("jstan_clients", "Streaming clients connected", server -> server.clients().size());
        metrics.gauge("jstan_channels", "Channels", server -> server.channels().size());
        metrics.gauge("jstan_subscriptions", "Subscriptions, offline durables included",
                server -> ChannelTotals.of(server.channels()).subscriptions());
        metrics.gauge("jstan_stored_messages", "Messages stored in all channels",
                server -> ChannelTotals.of(server.channels()).messages());
        metrics.gauge("jstan_stored_bytes", "Bytes of the messages stored in all channels",
                server -> ChannelTotals.of(server.channels()).bytes());
        metrics.channelGauge("jstan_channel_stored_messages", "Messages stored in the channel", ChannelView::messages);
        metrics.channelGauge("jstan_channel_stored_bytes", "Bytes of the messages stored in the channel", ChannelView::bytes);
        metrics.channelGauge("jstan_channel_pending_acks",
                "Messages sent to the channel's subscriptions and not yet acknowledged",
                channel -> channel.subscriptions().stream().mapToLong(SubscriptionView::pendingCount).sum());
        metrics.counter("jstan_in_msgs", "Messages published to channels", server -> server.stats().inMsgs());
        metrics.counter("jstan_in_bytes", "Bytes of the publish requests received (PubMsg, payload included)",
                server -> server.stats().inBytes());
        metrics.counter("jstan_out_msgs", "Messages delivered to subscriptions, redeliveries included",
                server -> server.stats().outMsgs());
        metrics.counter("jstan_out_bytes",
                "Bytes of the messages delivered (MsgProto, payload included), redeliveries included",
                server -> server.stats().outBytes());
        metrics.counter("jstan_redeliveries", "Messages delivered again after their ack wait ran out",
                server -> server.stats().redeliveries());
        registerCluster(metrics);
    }

    /** A clustered node's Raft figures; a server that is not clustered has no samples of them. */
    private static void registerCluster(Registrar metrics) {
        metrics.raftGauge("jstan_raft_leader", "1 while this node leads, 0 otherwise", raft -> raft.isLeader() ? 1 : 0);
        metrics.raftGauge("jstan_raft_term", "The latest term this node led or followed a leader in", RaftNode::term);
        metrics.raftGauge("jstan_raft_last_log_index", "The index of the last entry of this node's log", RaftNode::lastLogIndex);
        metrics.raftGauge("jstan_raft_committed_index", "The index of the last entry known committed", RaftNode::committedIndex);
        metrics.raftGauge("jstan_raft_applied_index", "The index of the last entry applied to this node's store",
                RaftNode::appliedIndex);
        metrics.raftGauge("jstan_raft_members", "The members of this node's configuration", raft -> raft.members().size());
        metrics.raftCounter("jstan_raft_leader_changes", "Leaders this node saw take over, itself included",
                raft -> raft.statistics().leaderChanges());
        metrics.raftCounter("jstan_raft_proposals", "Raft tasks (batches of operations) this node proposed as the leader",
                raft -> raft.statistics().proposals());
        metrics.raftCounter("jstan_raft_proposal_seconds", "Time from proposing to applying, summed over the proposals",
                raft -> raft.statistics().proposalSeconds());
        metrics.raftCounter("jstan_raft_snapshots", "Snapshots this node took", raft -> raft.statistics().snapshotsTaken());
        metrics.raftCounter("jstan_raft_snapshots_restored", "Snapshots from the leader that replaced this node's store",
                raft -> raft.statistics().snapshotsRestored());
        metrics.raftGauge("jstan_raft_last_snapshot_bytes", "The size of the last snapshot this node took",
                raft -> raft.statistics().lastSnapshotBytes());
        metrics.raftGauge("jstan_raft_last_snapshot_seconds", "How long the last snapshot this node took lasted",
                raft -> raft.statistics().lastSnapshotMillis() / 1000.0);
    }

    /** Registers callback metrics that read the attached streaming server, if any. */
    private record Registrar(PrometheusRegistry registry, AttachedStreaming streaming) {

        void gauge(String name, String help, ToDoubleFunction<StreamingServer> value) {
            GaugeWithCallback.builder()
                    .name(name)
                    .help(help)
                    .callback(callback -> streaming.get().ifPresent(server -> callback.call(value.applyAsDouble(server))))
                    .register(registry);
        }

        void channelGauge(String name, String help, ToDoubleFunction<ChannelView> value) {
            GaugeWithCallback.builder()
                    .name(name)
                    .help(help)
                    .labelNames(CHANNEL)
                    .callback(callback -> streaming.get().ifPresent(server -> server.channels().forEach(
                            channel -> callback.call(value.applyAsDouble(channel), channel.name()))))
                    .register(registry);
        }

        void raftGauge(String name, String help, ToDoubleFunction<RaftNode> value) {
            GaugeWithCallback.builder()
                    .name(name)
                    .help(help)
                    .callback(callback -> streaming.get().flatMap(StreamingServer::raft)
                            .ifPresent(raft -> callback.call(value.applyAsDouble(raft))))
                    .register(registry);
        }

        void raftCounter(String name, String help, ToDoubleFunction<RaftNode> value) {
            CounterWithCallback.builder()
                    .name(name)
                    .help(help)
                    .callback(callback -> streaming.get().flatMap(StreamingServer::raft)
                            .ifPresent(raft -> callback.call(value.applyAsDouble(raft))))
                    .register(registry);
        }

        void counter(String name, String help, ToDoubleFunction<StreamingServer> value) {
            CounterWithCallback.builder()
                    .name(name)
                    .help(help)
                    .callback(callback -> streaming.get().ifPresent(server -> callback.call(value.applyAsDouble(server))))
                    .register(registry);
        }
    }
}
