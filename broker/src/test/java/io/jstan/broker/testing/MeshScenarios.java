package io.jstan.broker.testing;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.jstan.broker.testing.ClientWaits.WAIT;
import static io.jstan.broker.testing.ClientWaits.bytes;
import static io.jstan.broker.testing.ClientWaits.next;
import static io.jstan.broker.testing.ClientWaits.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What jnats users see of a cluster: servers on 127.0.0.1 at {@code ports}, routed into one
 * mesh (jstan, nats-server, or both). A client of any server reaches subscribers on every other,
 * each message once. Each scenario uses subjects of its own.
 *
 * <p>Interest travels between servers after a subscriber's own flush returns, so a scenario
 * first waits until the publisher's server knows of it ({@link #awaitInterest}): a probe
 * subscribed after the real subscriptions, on the same connection, answers a request from the
 * publisher's side; the route carries interest in order, so once the probe is reached, the
 * subscriptions before it are known there too.
 */
public record MeshScenarios(List<Integer> ports) {
    private static final AtomicLong PROBES = new AtomicLong();
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(250);

    /** Every server's client reaches a subscriber on every other server, in order and once. */
    public void messagesCrossEveryRouteOnce() throws Exception {
        for (int from = 0; from < ports.size(); from++) {
            for (int to = 0; to < ports.size(); to++) {
                if (from != to) {
                    messagesReach(from, to);
                }
            }
        }
    }

    /** A client of server {@code from} reaches a subscriber on server {@code to}, in order and once. */
    public void messagesReach(int from, int to) throws Exception {
        String subject = "mesh.plain." + from + "." + to;
        try (Connection subscriber = connect(to); Connection publisher = connect(from)) {
            Subscription sub = subscriber.subscribe(subject);
            awaitInterest(subscriber, publisher);
            for (int i = 0; i < 20; i++) {
                publisher.publish(subject, "reply." + i, bytes("m" + i));
            }
            publisher.flush(WAIT);
            for (int i = 0; i < 20; i++) {
                Message message = next(sub, subject + " #" + i);
                assertEquals("m" + i, text(message), "in order from server " + from + " to " + to);
                assertEquals("reply." + i, message.getReplyTo());
            }
            assertNothingMoreAfterARoundTripOfEveryServer(subscriber, sub, subject);
        }
    }

    /** Subscribers on every server, the publisher's included, get each message once: nothing loops back over a route. */
    public void subscribersOnEveryServerGetEachMessageOnce() throws Exception {
        String subject = "mesh.everywhere";
        List<Connection> connections = new ArrayList<>();
        try {
            List<Subscription> subs = new ArrayList<>();
            for (int server = 0; server < ports.size(); server++) {
                Connection nc = connect(server);
                connections.add(nc);
                subs.add(nc.subscribe(subject));
            }
            Connection publisher = connections.get(0);
            for (Connection subscriber : connections.subList(1, connections.size())) {
                awaitInterest(subscriber, publisher);
            }
            for (int i = 0; i < 50; i++) {
                publisher.publish(subject, bytes("e" + i));
            }
            publisher.flush(WAIT);
            for (int server = 0; server < subs.size(); server++) {
                for (int i = 0; i < 50; i++) {
                    assertEquals("e" + i, text(next(subs.get(server), subject + " #" + i)));
                }
                assertNothingMoreAfterARoundTripOfEveryServer(connections.get(server), subs.get(server), subject);
            }
        } finally {
            closeAll(connections);
        }
    }

    /** '*' and '>' subscriptions on another server each get a matching message once, and nothing else. */
    public void wildcardsMatchAcrossServers() throws Exception {
        try (Connection subscriber = connect(ports.size() - 1); Connection publisher = connect(0)) {
            Subscription oneToken = subscriber.subscribe("mesh.wild.*");
            Subscription rest = subscriber.subscribe("mesh.wild.>");
            awaitInterest(subscriber, publisher);
            publisher.publish("mesh.wild.a", bytes("1"));
            publisher.publish("mesh.wild.a.b", bytes("2"));
            publisher.publish("mesh.other", bytes("3"));
            publisher.publish("mesh.wild.c", bytes("4"));
            publisher.flush(WAIT);
            assertEquals(List.of("mesh.wild.a", "mesh.wild.c"), List.of(next(oneToken, "*").getSubject(), next(oneToken, "*").getSubject()));
            assertEquals(List.of("mesh.wild.a", "mesh.wild.a.b", "mesh.wild.c"),
                    List.of(next(rest, ">").getSubject(), next(rest, ">").getSubject(), next(rest, ">").getSubject()));
            assertNothingMoreAfterARoundTripOfEveryServer(subscriber, oneToken, "mesh.wild.*");
            assertNothingMoreAfterARoundTripOfEveryServer(subscriber, rest, "mesh.wild.>");
        }
    }

    /**
     * A queue group with members on every server (two on the last) gets each message once over
     * the whole mesh, and every server's members get a share; a plain subscriber still gets all.
     */
    public void queueGroupGetsEachMessageOnceOverTheMesh() throws Exception {
        String subject = "mesh.work";
        int count = 400;
        List<Connection> connections = new ArrayList<>();
        try {
            List<Subscription> members = new ArrayList<>();
            List<Integer> memberServer = new ArrayList<>();
            for (int server = 0; server < ports.size(); server++) {
                Connection nc = connect(server);
                connections.add(nc);
                int perServer = server == ports.size() - 1 ? 2 : 1;
                for (int m = 0; m < perServer; m++) {
                    members.add(nc.subscribe(subject, "workers"));
                    memberServer.add(server);
                }
            }
            Connection plainConnection = connect(1);
            connections.add(plainConnection);
            Subscription plain = plainConnection.subscribe(subject);
            Connection publisher = connections.get(0);
            for (Connection subscriber : connections.subList(1, connections.size())) {
                awaitInterest(subscriber, publisher);
            }
            for (int i = 0; i < count; i++) {
                publisher.publish(subject, bytes("w" + i));
            }
            publisher.flush(WAIT);
            for (int i = 0; i < count; i++) {
                assertEquals("w" + i, text(next(plain, "the plain subscriber's copy #" + i)));
            }
            Set<String> received = new HashSet<>();
            Map<Integer, Integer> perServer = new HashMap<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                for (int m = 0; m < members.size(); m++) {
                    Message message;
                    while ((message = members.get(m).nextMessage(Duration.ofMillis(1))) != null) {
                        assertTrue(received.add(text(message)), "delivered twice: " + text(message));
                        perServer.merge(memberServer.get(m), 1, Integer::sum);
                    }
                }
            }
            assertEquals(count, received.size(), "every message reached one member");
            for (int m = 0; m < members.size(); m++) {
                assertNothingMoreAfterARoundTripOfEveryServer(connections.get(memberServer.get(m)), members.get(m),
                        subject + " (queue)");
            }
            for (int server = 0; server < ports.size(); server++) {
                assertTrue(perServer.getOrDefault(server, 0) > 0, "server " + server + "'s members got a share: " + perServer);
            }
        } finally {
            closeAll(connections);
        }
    }

    /** A request from one server is answered by a responder on another, and a reply crosses back. */
    public void requestReplyAcrossServers() throws Exception {
        try (Connection responder = connect(ports.size() - 1); Connection requester = connect(0)) {
            Dispatcher dispatcher = responder.createDispatcher(request ->
                    responder.publish(request.getReplyTo(), bytes(text(request).toUpperCase())));
            dispatcher.subscribe("mesh.service");
            awaitInterest(responder, requester);
            for (int i = 0; i < 10; i++) {
                Message reply = requester.request("mesh.service", bytes("ping " + i), WAIT);
                assertEquals("PING " + i, text(reply));
            }
        }
    }

    /** A request nobody in the mesh listens to fails at once with the server's 503. */
    public void requestNobodyListensToFailsWithNoResponders() throws Exception {
        try (Connection requester = connect(0)) {
            CompletableFuture<Message> reply = requester.requestWithTimeout("mesh.nobody.home", bytes("anyone?"),
                    Duration.ofMinutes(1));
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            JetStreamStatusException status = assertInstanceOf(JetStreamStatusException.class, failure.getCause());
            assertEquals(503, status.getStatus().getCode());
        }
    }

    /** Headers, several values included, cross a route unchanged. */
    public void headersCrossServers() throws Exception {
        try (Connection subscriber = connect(ports.size() - 1); Connection publisher = connect(0)) {
            Subscription sub = subscriber.subscribe("mesh.headers");
            awaitInterest(subscriber, publisher);
            Headers headers = new Headers().add("Trace-Id", "abc").add("Multi", "one", "two");
            publisher.publish(NatsMessage.builder().subject("mesh.headers").headers(headers).data(bytes("with headers")).build());
            publisher.flush(WAIT);
            Message message = next(sub, "the message with headers");
            assertEquals("with headers", text(message));
            assertEquals(List.of("abc"), message.getHeaders().get("Trace-Id"));
            assertEquals(List.of("one", "two"), message.getHeaders().get("Multi"));
        }
    }

    /**
     * Waits until the server of {@code publisher} knows the interest {@code subscriber} registered
     * so far, by requesting a probe it answers, until the request gets through.
     */
    public static void awaitInterest(Connection subscriber, Connection publisher) throws Exception {
        String probe = "mesh.probe." + PROBES.incrementAndGet();
        Dispatcher answering = subscriber.createDispatcher(request -> subscriber.publish(request.getReplyTo(), bytes("here")));
        answering.subscribe(probe);
        subscriber.flush(WAIT);
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                try {
                    publisher.requestWithTimeout(probe, bytes("?"), PROBE_TIMEOUT).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                } catch (ExecutionException | CancellationException notYet) {
                    assertTrue(System.nanoTime() < deadline, "interest did not reach the publisher's server in " + WAIT);
                }
            }
        } finally {
            subscriber.closeDispatcher(answering);
        }
    }

    /**
     * After a request-reply through the subscriber's server from every server (which follows on each
     * route whatever was sent before it), the subscription holds no message: nothing came twice.
     */
    private void assertNothingMoreAfterARoundTripOfEveryServer(Connection subscriber, Subscription sub, String what)
            throws Exception {
        for (int server = 0; server < ports.size(); server++) {
            try (Connection other = connect(server)) {
                awaitInterest(subscriber, other);
            }
        }
        subscriber.flush(WAIT);
        assertEquals(0, sub.getPendingMessageCount(), "nothing more for " + what);
    }

    public Connection connect(int server) throws Exception {
        return Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + ports.get(server))
                .reportNoResponders().noReconnect().build());
    }

    private static void closeAll(List<Connection> connections) throws InterruptedException {
        for (Connection nc : connections) {
            nc.close();
        }
    }
}
