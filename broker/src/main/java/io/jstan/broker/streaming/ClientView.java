package io.jstan.broker.streaming;

import java.util.List;

/** What monitoring shows of a client, read at one moment. */
public record ClientView(String id, String heartbeatInbox, List<SubscriptionView> subscriptions) {

    public ClientView {
        subscriptions = List.copyOf(subscriptions);
    }

    static ClientView of(Client client) {
        return new ClientView(client.id(), client.info.getHbInbox(),
                client.subscriptions.stream().map(SubscriptionView::of).toList());
    }
}
