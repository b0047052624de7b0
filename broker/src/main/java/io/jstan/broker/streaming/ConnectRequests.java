package io.jstan.broker.streaming;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.broker.bus.Bus;
import io.jstan.raft.StateChanges;
import io.jstan.raft.ops.ClientConnect;
import io.jstan.raft.ops.Operation;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ConnectRequest;
import io.jstan.store.proto.ConnectResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Connect requests on the discovery subject. A client ID that is registered is taken over only
 * when its holder does not answer a heartbeat in time; a connect for an ID that is being
 * registered is refused.
 */
final class ConnectRequests {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectRequests.class);
    private static final int PROTOCOL_ONE = 1;

    private final StreamingState state;
    private final StateChanges stateChanges;
    private final Bus bus;
    private final Replies replies;
    private final Heartbeats heartbeats;
    private final SentAndAckedRecorder recorder;
    private final Duration duplicateCheckTimeout;
    /** Client IDs whose connect is under way. */
    private final Set<String> registering = new HashSet<>();

    ConnectRequests(StreamingState state, StateChanges stateChanges, Bus bus, Replies replies, Heartbeats heartbeats,
                    SentAndAckedRecorder recorder, Duration duplicateCheckTimeout) {
        this.state = state;
        this.stateChanges = stateChanges;
        this.bus = bus;
        this.replies = replies;
        this.heartbeats = heartbeats;
        this.recorder = recorder;
        this.duplicateCheckTimeout = duplicateCheckTimeout;
    }

    void onMessage(String subject, String reply, byte[] data) {
        ConnectRequest request;
        try {
            request = ConnectRequest.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            LOG.error("[Client:?] Invalid connect request: {}", e.getMessage());
            refuse(reply, StanError.INVALID_CONNECT_REQUEST);
            return;
        }
        if (request.getHeartbeatInbox().isEmpty()) {
            LOG.error("[Client:{}] Invalid connect request: no heartbeat inbox", request.getClientID());
            refuse(reply, StanError.INVALID_CONNECT_REQUEST);
            return;
        }
        if (!ClientIds.isValid(request.getClientID())) {
            LOG.error("[Client:{}] Invalid ClientID, only alphanumeric and `-` or `_` characters allowed", request.getClientID());
            refuse(reply, StanError.INVALID_CLIENT_ID);
            return;
        }
        String clientId = request.getClientID();
        Client registered;
        synchronized (state) {
            if (!registering.add(clientId)) {
                LOG.debug("[Client:{}] Connect failed; already connecting", clientId);
                refuse(reply, StanError.CLIENT_ALREADY_REGISTERED);
                return;
            }
            registered = state.clients.get(clientId);
        }
        if (registered == null) {
            register(request, reply);
            return;
        }
        bus.request(registered.info.getHbInbox(), new byte[0], duplicateCheckTimeout).whenComplete((answer, silence) -> {
            if (silence == null) {
                LOG.debug("[Client:{}] Connect failed; already connected", clientId);
                synchronized (state) {
                    registering.remove(clientId);
                }
                refuse(reply, StanError.CLIENT_ALREADY_REGISTERED);
            } else {
                LOG.debug("[Client:{}] Replacing a client that does not answer", clientId);
                register(request, reply);
            }
        });
    }

    private void register(ConnectRequest request, String reply) {
        ClientInfo info = ClientInfo.newBuilder()
                .setID(request.getClientID())
                .setHbInbox(request.getHeartbeatInbox())
                .setConnID(request.getConnID())
                .setProtocol(request.getProtocol())
                .setPingInterval(request.getPingInterval())
                .setPingMaxOut(request.getPingMaxOut())
                .build();
        Operation connect = Operation.newBuilder().setClientConnect(ClientConnect.newBuilder().setClient(info)).build();
        synchronized (state) {
            recorder.submitCollected();
            stateChanges.submit(connect).whenComplete((done, failure) -> {
                synchronized (state) {
                    registering.remove(info.getID());
                    Client client = state.clients.get(info.getID());
                    if (failure == null && client != null) {
                        heartbeats.start(client);
                    }
                }
                if (failure != null) {
                    LOG.error("[Client:{}] Could not register: {}", info.getID(), failure.getMessage());
                    refuse(reply, StanError.textOf(failure));
                    return;
                }
                LOG.debug("[Client:{}] Connected (Inbox={})", info.getID(), info.getHbInbox());
                replies.send(reply, response(request));
            });
        }
    }

    private ConnectResponse response(ConnectRequest request) {
        ConnectResponse.Builder response = ConnectResponse.newBuilder()
                .setPubPrefix(state.info.getPublish())
                .setSubRequests(state.info.getSubscribe())
                .setUnsubRequests(state.info.getUnsubscribe())
                .setSubCloseRequests(state.info.getSubClose())
                .setCloseRequests(state.info.getClose())
                .setProtocol(PROTOCOL_ONE);
        if (request.getProtocol() >= PROTOCOL_ONE) {
            response.setPingRequests(StreamingSubjects.pings(state.info))
                    .setPingInterval(request.getPingInterval())
                    .setPingMaxOut(request.getPingMaxOut());
        }
        return response.build();
    }

    private void refuse(String reply, String error) {
        replies.send(reply, ConnectResponse.newBuilder().setError(error).build());
    }
}
