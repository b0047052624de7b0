package io.jstan.broker.streaming;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.store.proto.CloseRequest;
import io.jstan.store.proto.CloseResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A client closing its connection: answered once the close is applied. */
final class CloseRequests {
    private static final Logger LOG = LoggerFactory.getLogger(CloseRequests.class);

    private final StreamingState state;
    private final ClientRemoval removal;
    private final Replies replies;

    CloseRequests(StreamingState state, ClientRemoval removal, Replies replies) {
        this.state = state;
        this.removal = removal;
        this.replies = replies;
    }

    void onMessage(String subject, String reply, byte[] data) {
        CloseRequest request;
        try {
            request = CloseRequest.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            LOG.error("Received invalid close request, subject={}", subject);
            respond(reply, StanError.INVALID_CLOSE_REQUEST);
            return;
        }
        synchronized (state) {
            Client client = state.clients.get(request.getClientID());
            if (client == null) {
                LOG.error("[Client:{}] Close request for unknown client", request.getClientID());
                respond(reply, StanError.UNKNOWN_CLIENT);
                return;
            }
            removal.remove(client).whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.error("[Client:{}] Close failed: {}", request.getClientID(), failure.getMessage());
                    respond(reply, StanError.textOf(failure));
                } else {
                    LOG.debug("[Client:{}] Closed", request.getClientID());
                    respond(reply, null);
                }
            });
        }
    }

    private void respond(String reply, String error) {
        CloseResponse.Builder response = CloseResponse.newBuilder();
        if (error != null) {
            response.setError(error);
        }
        replies.send(reply, response.build());
    }
}
