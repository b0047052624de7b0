package io.jstan.store;

import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ServerInfo;
import java.util.List;
import java.util.Map;

/** What a store recovered from an earlier run; the engine rebuilds its model from it. */
public record RecoveredState(ServerInfo serverInfo, List<ClientInfo> clients, Map<String, RecoveredChannel> channels) {

    public RecoveredState {
        clients = List.copyOf(clients);
        channels = Map.copyOf(channels);
    }
}
