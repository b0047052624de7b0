package io.jstan.broker.streaming;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.store.proto.Ping;
import io.jstan.store.proto.PingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Pings from clients (protocol 1): an empty answer while the connection is the client's current one. */
final class ClientPings {
    private static final Logger LOG = LoggerFactory.getLogger(ClientPings.class);
    private static final PingResponse ALIVE = PingResponse.getDefaultInstance();
    private static final PingResponse GONE = PingResponse.newBuilder().setError(StanError.CLIENT_REPLACED).build();

    private final StreamingState state;
    private final Heartbeats heartbeats;
    private final Replies replies;

    ClientPings(StreamingState state, Heartbeats heartbeats, Replies replies) {
        this.state = state;
        this.heartbeats = heartbeats;
        this.replies = replies;
    }

    void onMessage(String subject, String reply, byte[] data) {
        Ping ping;
        try {
            ping = Ping.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            LOG.debug("Invalid ping on {}: {}", subject, e.getMessage());
            return;
        }
        if (ping.getConnID().isEmpty()) {
            return;
        }
        Client client;
        synchronized (state) {
            client = state.clients.values().stream()
                    .filter(candidate -> candidate.info.getConnID().equals(ping.getConnID()))
                    .findFirst().orElse(null);
            if (client != null) {
                heartbeats.pinged(client);
            }
        }
        replies.send(reply, client != null ? ALIVE : GONE);
    }
}
