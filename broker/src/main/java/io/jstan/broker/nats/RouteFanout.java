package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/**
 * The routes one message goes to when queue groups picked members on other servers: each route
 * once, with the names of the groups it was picked for, so that its server delivers the message
 * to its plain subscribers and to one member of each of those groups.
 */
final class RouteFanout {
    private final List<RouteConnection> routes = new ArrayList<>(4);
    private final List<List<String>> queues = new ArrayList<>(4);

    /** Starts with the routes that have plain interest, for no group yet. */
    RouteFanout(Subscription[] plainInterest) {
        for (Subscription interest : plainInterest) {
            routes.add((RouteConnection) interest.subscriber());
            queues.add(new ArrayList<>(1));
        }
    }

    void pickedFor(RouteConnection route, String queue) {
        int index = routes.indexOf(route);
        if (index < 0) {
            routes.add(route);
            queues.add(new ArrayList<>(1));
            index = routes.size() - 1;
        }
        queues.get(index).add(queue);
    }

    void forward(String subject, String reply, ByteBuf message, int headerLength) {
        for (int i = 0; i < routes.size(); i++) {
            routes.get(i).forward(subject, reply, queues.get(i), message, headerLength);
        }
    }
}
