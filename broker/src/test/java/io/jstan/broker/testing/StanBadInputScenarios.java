package io.jstan.broker.testing;

import com.google.protobuf.ByteString;
import io.jstan.store.proto.CloseRequest;
import io.jstan.store.proto.CloseResponse;
import io.jstan.store.proto.ConnectRequest;
import io.jstan.store.proto.ConnectResponse;
import io.jstan.store.proto.Ping;
import io.jstan.store.proto.PingResponse;
import io.jstan.store.proto.PubAck;
import io.jstan.store.proto.SubscriptionRequest;
import io.jstan.store.proto.SubscriptionResponse;
import io.jstan.store.proto.UnsubscribeRequest;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;

import java.util.List;


import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bad input on every streaming subject: what is not a protobuf, and protobufs with missing or
 * wrong fields. Each gets the protocol's error reply where it has one, and a client of the
 * official library keeps working throughout. Runs against any server with the default options.
 */
public final class StanBadInputScenarios {
    /** Not a protobuf: a field tag whose varint never ends. */
    private static final byte[] GARBAGE = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
    private static final String CLUSTER = StanClients.CLUSTER_ID;

    private final StanClients clients;

    public StanBadInputScenarios(StanClients clients) {
        this.clients = clients;
    }

    public void garbageOnEverySubjectGetsTheProtocolsErrorsWhileAClientKeepsWorking() throws Exception {
        try (StreamingConnection client = clients.connect(); StanRaw raw = new StanRaw(clients.natsUrl())) {
            StanClients.Received received = new StanClients.Received();
            Subscription sub = client.subscribe("steady", received);
            client.publish("steady", bytes("before"));

            assertEquals("stan: invalid connection request",
                    ConnectResponse.parseFrom(raw.request("_STAN.discover." + CLUSTER, GARBAGE)).getError());
            assertEquals("stan: invalid publish request",
                    PubAck.parseFrom(raw.request("_STAN.pub." + CLUSTER + ".steady", GARBAGE)).getError());
            assertEquals("stan: invalid subscription request",
                    SubscriptionResponse.parseFrom(raw.request("_STAN.sub." + CLUSTER, GARBAGE)).getError());
            assertEquals("stan: invalid unsubscribe request",
                    SubscriptionResponse.parseFrom(raw.request("_STAN.unsub." + CLUSTER, GARBAGE)).getError());
            assertEquals("stan: invalid unsubscribe request",
                    SubscriptionResponse.parseFrom(raw.request("_STAN.subclose." + CLUSTER, GARBAGE)).getError());
            assertEquals("stan: invalid close request",
                    CloseResponse.parseFrom(raw.request("_STAN.close." + CLUSTER, GARBAGE)).getError());
            raw.nats().publish(sub.getAckInbox(), GARBAGE);
            raw.nats().publish("_STAN.discover." + CLUSTER + ".pings", GARBAGE);
            raw.nats().flush(ClientWaits.WAIT);

            client.publish("steady", bytes("after"));
            received.await(2);
            assertEquals(List.of("before", "after"), received.texts());
        }
    }

    public void connectRequestsWithMissingOrWrongFieldsAreRefused() throws Exception {
        try (StanRaw raw = new StanRaw(clients.natsUrl())) {
            String discover = "_STAN.discover." + CLUSTER;
            assertEquals("stan: invalid connection request", ConnectResponse.parseFrom(raw.request(discover,
                    ConnectRequest.newBuilder().setClientID("no-inbox").build().toByteArray())).getError());
            assertEquals("stan: invalid clientID: only alphanumeric and `-` or `_` characters allowed",
                    ConnectResponse.parseFrom(raw.request(discover, ConnectRequest.newBuilder()
                            .setClientID("bad id!").setHeartbeatInbox("_INBOX.hb").build().toByteArray())).getError());
        }
    }

    public void requestsFromUnknownClientsAreRefused() throws Exception {
        try (StreamingConnection client = clients.connect(); StanRaw raw = new StanRaw(clients.natsUrl())) {
            client.publish("known", bytes("a channel that exists"));
            SubscriptionRequest.Builder subscribe = SubscriptionRequest.newBuilder()
                    .setClientID("stranger").setSubject("known").setInbox("_INBOX.stranger")
                    .setAckWaitInSecs(30).setMaxInFlight(10);
            assertEquals("stan: unknown clientID", subscribeError(raw, subscribe));
            assertEquals("stan: clientID missing", subscribeError(raw, subscribe.clone().setClientID("")));
            assertEquals("stan: unknown clientID", CloseResponse.parseFrom(raw.request("_STAN.close." + CLUSTER,
                    CloseRequest.newBuilder().setClientID("stranger").build().toByteArray())).getError());
            assertEquals("stan: unknown channel", SubscriptionResponse.parseFrom(raw.request("_STAN.unsub." + CLUSTER,
                    UnsubscribeRequest.newBuilder().setClientID("stranger").setSubject("nowhere").setInbox("x")
                            .build().toByteArray())).getError());
            assertEquals("stan: invalid subscription", SubscriptionResponse.parseFrom(raw.request("_STAN.unsub." + CLUSTER,
                    UnsubscribeRequest.newBuilder().setClientID("stranger").setSubject("known").setInbox("x")
                            .build().toByteArray())).getError());
            assertEquals("client has been replaced or is no longer registered", PingResponse.parseFrom(raw.request(
                    "_STAN.discover." + CLUSTER + ".pings",
                    Ping.newBuilder().setConnID(ByteString.copyFromUtf8("nobody")).build().toByteArray())).getError());
            client.publish("known", bytes("still fine"));
        }
    }

    public void subscriptionRequestsWithInvalidSettingsAreRefused() throws Exception {
        try (StreamingConnection client = clients.connect("settler"); StanRaw raw = new StanRaw(clients.natsUrl())) {
            SubscriptionRequest.Builder valid = SubscriptionRequest.newBuilder()
                    .setClientID("settler").setSubject("settings").setInbox("_INBOX.settler")
                    .setAckWaitInSecs(30).setMaxInFlight(10);
            assertEquals("stan: invalid ack wait time, should be >= 1s", subscribeError(raw, valid.clone().setAckWaitInSecs(0)));
            assertEquals("stan: invalid MaxInflight, should be >= 1", subscribeError(raw, valid.clone().setMaxInFlight(0)));
            assertEquals("stan: invalid start position", subscribeError(raw, valid.clone().setStartPositionValue(9)));
            assertEquals("stan: invalid subject", subscribeError(raw, valid.clone().setSubject("a.>")));
            assertEquals("stan: durable name of a durable queue subscriber can't contain the character ':'",
                    subscribeError(raw, valid.clone().setQGroup("q").setDurableName("d:1")));
            assertEquals("", subscribeError(raw, valid));
        }
    }

    private static String subscribeError(StanRaw raw, SubscriptionRequest.Builder request) throws Exception {
        return SubscriptionResponse.parseFrom(raw.request("_STAN.sub." + CLUSTER, request.build().toByteArray())).getError();
    }
}
