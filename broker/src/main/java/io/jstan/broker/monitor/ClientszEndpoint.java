package io.jstan.broker.monitor;

import io.jstan.broker.streaming.ClientView;
import io.jstan.broker.streaming.StreamingServer;

import java.time.Instant;
import java.util.List;

/**
 * /streaming/clientsz: the streaming clients, paged with offset and limit, with their subscriptions when
 * subs=1; client=ID answers that one client alone, or 404.
 */
final class ClientszEndpoint implements Endpoint {
    private final AttachedStreaming streaming;

    ClientszEndpoint(AttachedStreaming streaming) {
        this.streaming = streaming;
    }

    @Override
    public String path() {
        return "/streaming/clientsz";
    }

    @Override
    public Object respond(QueryParameters query) {
        StreamingServer server = streaming.require();
        boolean withSubscriptions = query.integerOrZero("subs") == 1;
        List<ClientView> clients = server.clients();
        String id = query.text("client");
        if (!id.isEmpty()) {
            return clients.stream()
                    .filter(client -> client.id().equals(id))
                    .findFirst()
                    .map(client -> Clientz.of(client, withSubscriptions))
                    .orElseThrow(() -> new NotFoundException("Client " + id + " not found"));
        }
        ListPage page = ListPage.requested(query);
        List<Clientz> listed = page.of(clients).stream().map(client -> Clientz.of(client, withSubscriptions)).toList();
        return new Clientsz(server.clusterId(), server.serverId(), Instant.now(), page.offset(), page.limit(),
                listed.size(), clients.size(), listed);
    }
}
