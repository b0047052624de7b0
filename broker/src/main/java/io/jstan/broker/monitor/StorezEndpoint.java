package io.jstan.broker.monitor;

import io.jstan.broker.streaming.StreamingServer;

import java.time.Instant;

/** /streaming/storez: the store type (MEMORY, FILE or SQL), the limits it applies, and the messages it holds. */
final class StorezEndpoint implements Endpoint {
    private final AttachedStreaming streaming;

    StorezEndpoint(AttachedStreaming streaming) {
        this.streaming = streaming;
    }

    @Override
    public String path() {
        return "/streaming/storez";
    }

    @Override
    public Storez respond(QueryParameters query) {
        StreamingServer server = streaming.require();
        ChannelTotals totals = ChannelTotals.of(server.channels());
        return new Storez(server.clusterId(), server.serverId(), Instant.now(), server.storeType(),
                StorezLimits.of(server.storeLimits()), totals.messages(), totals.bytes());
    }
}
