package io.jstan.broker.monitor;

import io.jstan.broker.cluster.ClusterNode;
import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.streaming.StreamingServer;
import io.jstan.raft.RaftNode;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.Optional;

/**
 * /streaming/isready, jstan's own, for a readiness probe: 200 once the streaming server has started
 * and, when clustered, this node knows a leader, has applied every entry it knows committed, and its
 * NATS server routes connect requests to the leader; 503 with the reason otherwise. A clustered node
 * that has no leader, that is still applying what it recovered or was sent, or whose routes to the
 * leader's NATS server are not up yet, cannot serve the clients that connect to it.
 */
final class ReadinessEndpoint implements PlainEndpoint {
    private static final HttpReply READY = HttpReply.text(HttpResponseStatus.OK, "ready\n");

    private final NatsServer nats;
    private final AttachedStreaming streaming;

    ReadinessEndpoint(NatsServer nats, AttachedStreaming streaming) {
        this.nats = nats;
        this.streaming = streaming;
    }

    @Override
    public String path() {
        return "/streaming/isready";
    }

    @Override
    public HttpReply respond(QueryParameters query) {
        Optional<StreamingServer> server = streaming.get();
        if (server.isEmpty()) {
            return notReady("the streaming server has not started");
        }
        Optional<ClusterNode> cluster = server.get().cluster();
        if (cluster.isEmpty()) {
            return READY;
        }
        RaftNode raft = cluster.get().raft();
        if (raft.leader().isEmpty()) {
            return notReady("no leader");
        }
        long applied = raft.appliedIndex();
        long committed = raft.committedIndex();
        if (applied < committed) {
            return notReady("applied " + applied + " of " + committed + " committed entries");
        }
        if (nats.router().match(server.get().discoverySubject()).isEmpty()) {
            return notReady("no route to the leader's connect requests yet");
        }
        return READY;
    }

    private static HttpReply notReady(String reason) {
        return HttpReply.text(HttpResponseStatus.SERVICE_UNAVAILABLE, "not ready: " + reason + "\n");
    }
}
