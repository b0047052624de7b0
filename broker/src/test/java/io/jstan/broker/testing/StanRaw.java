package io.jstan.broker.testing;

import com.google.protobuf.ByteString;
import io.jstan.store.proto.ConnectRequest;
import io.jstan.store.proto.ConnectResponse;
import io.jstan.store.proto.PubAck;
import io.jstan.store.proto.PubMsg;
import io.jstan.store.proto.StartPosition;
import io.jstan.store.proto.SubscriptionRequest;
import io.jstan.store.proto.SubscriptionResponse;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;

import java.io.IOException;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The streaming protocol spoken by hand over a plain jnats connection: for clients that behave
 * as no official client would (one that never answers heartbeats), and for bad input.
 */
public final class StanRaw implements AutoCloseable {
    private final Connection nats;

    public StanRaw(String natsUrl) throws IOException, InterruptedException {
        this.nats = Nats.connect(natsUrl);
    }

    public Connection nats() {
        return nats;
    }

    /** Registers a client whose heartbeat inbox nobody listens on. */
    public ConnectResponse connectDeaf(String clientId) throws Exception {
        byte[] request = ConnectRequest.newBuilder()
                .setClientID(clientId)
                .setHeartbeatInbox("_INBOX.deaf." + clientId)
                .build().toByteArray();
        return ConnectResponse.parseFrom(request("_STAN.discover." + StanClients.CLUSTER_ID, request));
    }

    public PubAck publish(ConnectResponse connection, String clientId, String channel, String text) throws Exception {
        byte[] message = PubMsg.newBuilder()
                .setClientID(clientId)
                .setGuid(UUID.randomUUID().toString())
                .setSubject(channel)
                .setData(ByteString.copyFromUtf8(text))
                .build().toByteArray();
        return PubAck.parseFrom(request(connection.getPubPrefix() + "." + channel, message));
    }

    /** Subscribes the registered client with manual acks in mind; returns the ack inbox. */
    public String subscribe(String clientId, String channel, String inbox, int ackWaitSeconds) throws Exception {
        return subscribe(clientId, channel, inbox, ackWaitSeconds, UnaryOperator.identity());
    }

    /** Subscribes as {@link #subscribe(String, String, String, int)}, with what {@code adjust} changes in the request. */
    public String subscribe(String clientId, String channel, String inbox, int ackWaitSeconds,
                            UnaryOperator<SubscriptionRequest.Builder> adjust) throws Exception {
        byte[] request = adjust.apply(SubscriptionRequest.newBuilder()
                .setClientID(clientId)
                .setSubject(channel)
                .setInbox(inbox)
                .setAckWaitInSecs(ackWaitSeconds)
                .setMaxInFlight(16)
                .setStartPosition(StartPosition.First))
                .build().toByteArray();
        SubscriptionResponse response = SubscriptionResponse.parseFrom(request("_STAN.sub." + StanClients.CLUSTER_ID, request));
        if (!response.getError().isEmpty()) {
            throw new AssertionError(response.getError());
        }
        return response.getAckInbox();
    }

    /** A request and its reply's payload; fails when no reply comes in time. */
    public byte[] request(String subject, byte[] payload) throws Exception {
        Message reply = nats.request(subject, payload, ClientWaits.WAIT);
        if (reply == null) {
            throw new AssertionError("no reply on " + subject);
        }
        return reply.getData();
    }

    @Override
    public void close() throws InterruptedException {
        nats.close();
    }
}
