package io.jstan.broker.nats;

import io.jstan.broker.bus.Bus;
import io.jstan.broker.bus.BusSubscription;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process bus and jnats clients see each other as if both were clients of one NATS server. */
class BusClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private NatsServer server;
    private Bus bus;
    private Connection nc;

    @BeforeEach
    void startServer() throws Exception {
        server = new NatsServer(new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT));
        server.start();
        bus = server.bus();
        nc = Nats.connect("nats://127.0.0.1:" + server.port());
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        nc.close();
        server.close();
    }

    @Test
    void busSubscriberReceivesAClientPublish() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        bus.subscribe("to.bus.*", null, (subject, reply, data) -> received.add(new Received(subject, reply, data)));

        nc.publish("to.bus.one", "reply.here", bytes("from client"));

        Received message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(message);
        assertEquals("to.bus.one", message.subject());
        assertEquals("reply.here", message.reply());
        assertEquals("from client", text(message.data()));
    }

    @Test
    void clientSubscriberReceivesABusPublish() throws Exception {
        Subscription sub = nc.subscribe("to.client");
        nc.flush(WAIT);

        bus.publish("to.client", null, bytes("from bus"));

        Message message = sub.nextMessage(WAIT);
        assertNotNull(message);
        assertEquals("from bus", text(message.getData()));
    }

    @Test
    void busRequestIsAnsweredByAClientResponder() throws Exception {
        nc.createDispatcher(request -> nc.publish(request.getReplyTo(), bytes("re: " + text(request.getData()))))
                .subscribe("client.service");
        nc.flush(WAIT);

        byte[] reply = bus.request("client.service", bytes("question"), WAIT).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals("re: question", text(reply));
    }

    @Test
    void clientRequestIsAnsweredByABusResponder() throws Exception {
        bus.subscribe("bus.service", null, (subject, reply, data) -> bus.publish(reply, null, bytes("re: " + text(data))));

        Message reply = nc.request("bus.service", bytes("question"), WAIT);

        assertNotNull(reply, "no reply within " + WAIT);
        assertEquals("re: question", text(reply.getData()));
    }

    @Test
    void queueGroupSpreadsMessagesOverBusAndClientMembers() throws Exception {
        int count = 1000;
        List<String> busReceived = new CopyOnWriteArrayList<>();
        bus.subscribe("work", "workers", (subject, reply, data) -> busReceived.add(text(data)));
        try (Connection member = Nats.connect("nats://127.0.0.1:" + server.port())) {
            Subscription clientMember = member.subscribe("work", "workers");
            member.flush(WAIT);

            for (int i = 0; i < count; i++) {
                nc.publish("work", bytes(Integer.toString(i)));
            }
            // Bus handlers run as the server routes; the client member has all its share after a round trip.
            nc.flush(WAIT);
            member.flush(WAIT);

            Set<String> all = new HashSet<>(busReceived);
            long clientCount = clientMember.getPendingMessageCount();
            for (long i = 0; i < clientCount; i++) {
                all.add(text(clientMember.nextMessage(WAIT).getData()));
            }
            assertEquals(count, busReceived.size() + clientCount, "each message goes to exactly one member");
            assertEquals(count, all.size(), "no message goes to the group twice");
            assertTrue(!busReceived.isEmpty() && clientCount > 0,
                    "both members get work: " + busReceived.size() + "/" + clientCount);
        }
    }

    @Test
    void unsubscribedBusHandlerGetsNothingMore() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        BusSubscription subscription = bus.subscribe("stop", null, (subject, reply, data) -> received.add(text(data)));
        nc.publish("stop", bytes("before"));
        nc.flush(WAIT);

        subscription.unsubscribe();
        nc.publish("stop", bytes("after"));
        nc.flush(WAIT);

        assertEquals(List.of("before"), List.copyOf(received));
    }

    @Test
    void failingBusHandlerDoesNotHurtThePublisherOrOtherSubscribers() throws Exception {
        bus.subscribe("fragile", null, (subject, reply, data) -> {
            throw new IllegalStateException("handler bug");
        });
        Subscription sub = nc.subscribe("fragile");
        nc.flush(WAIT);

        nc.publish("fragile", bytes("first"));
        nc.publish("fragile", bytes("second"));

        assertEquals("first", text(sub.nextMessage(WAIT).getData()));
        assertEquals("second", text(sub.nextMessage(WAIT).getData()));
        nc.flush(WAIT);
        assertEquals(Connection.Status.CONNECTED, nc.getStatus());
    }

    private record Received(String subject, String reply, byte[] data) {
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }
}
