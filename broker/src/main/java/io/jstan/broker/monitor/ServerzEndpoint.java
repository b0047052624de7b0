package io.jstan.broker.monitor;

import io.jstan.broker.streaming.ChannelView;
import io.jstan.broker.streaming.StreamingServer;
import io.jstan.broker.streaming.StreamingStats;
import io.jstan.raft.RaftNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** /streaming/serverz: the streaming server's identity, its clients, channels, stored totals and traffic. */
final class ServerzEndpoint implements Endpoint {
    /** Where nats-streaming-server names its Go runtime ("go1.21.5"), the Java runtime that runs jstan ("java17.0.15"). */
    private static final String RUNTIME_VERSION = "java" + System.getProperty("java.version");
    private final AttachedStreaming streaming;
    private final ProcessUsage processUsage = new ProcessUsage();

    ServerzEndpoint(AttachedStreaming streaming) {
        this.streaming = streaming;
    }

    @Override
    public String path() {
        return "/streaming/serverz";
    }

    @Override
    public Serverz respond(QueryParameters query) {
        StreamingServer server = streaming.require();
        List<ChannelView> channels = server.channels();
        ChannelTotals totals = ChannelTotals.of(channels);
        StreamingStats stats = server.stats();
        Instant now = Instant.now();
        return new Serverz(
                server.clusterId(),
                server.serverId(),
                JstanVersion.get(),
                RUNTIME_VERSION,
                server.state(),
                server.raft().map(RaftNode::role).orElse(""),
                server.nodeId(),
                now,
                server.startTime(),
                GoUptime.format(Duration.between(server.startTime(), now)),
                server.clients().size(),
                totals.subscriptions(),
                channels.size(),
                totals.messages(),
                totals.bytes(),
                stats.inMsgs(),
                stats.inBytes(),
                stats.outMsgs(),
                stats.outBytes(),
                processUsage.openFileDescriptors(),
                processUsage.maxFileDescriptors());
    }
}
