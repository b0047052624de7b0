package io.jstan.broker.nats;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Publish and subscribe as jnats users do it: subjects, wildcards, queue groups, headers, UNSUB, echo, order. */
class PubSubClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private NatsServer server;
    private Connection nc;

    @BeforeEach
    void startServer() throws Exception {
        server = new NatsServer(new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT));
        server.start();
        nc = connect(new Options.Builder());
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        if (nc != null) {
            nc.close();
        }
        server.close();
    }

    @Test
    void subscriberReceivesWhatIsPublishedToItsSubject() throws Exception {
        Subscription sub = nc.subscribe("greeting");
        nc.flush(WAIT);

        try (Connection publisher = connect(new Options.Builder())) {
            publisher.publish("greeting", "reply.to", bytes("hello"));
        }

        Message message = sub.nextMessage(WAIT);
        assertNotNull(message);
        assertEquals("greeting", message.getSubject());
        assertEquals("reply.to", message.getReplyTo());
        assertEquals("hello", text(message));
    }

    @Test
    void emptyPayloadIsDelivered() throws Exception {
        Subscription sub = nc.subscribe("empty");
        nc.publish("empty", new byte[0]);

        Message message = sub.nextMessage(WAIT);
        assertNotNull(message);
        assertEquals(0, message.getData().length);
    }

    @Test
    void partialWildcardMatchesExactlyOneToken() throws Exception {
        Subscription sub = nc.subscribe("orders.*.created");
        nc.publish("orders.created", bytes("too short"));
        nc.publish("orders.eu.west.created", bytes("too long"));
        nc.publish("orders.eu.deleted", bytes("other last token"));
        nc.publish("orders.eu.created", bytes("match"));

        assertEquals(List.of("orders.eu.created"), receivedSubjectsUntil(sub, "match"));
    }

    @Test
    void fullWildcardMatchesOneOrMoreTrailingTokens() throws Exception {
        Subscription sub = nc.subscribe("events.>");
        nc.publish("events", bytes("no token after the prefix"));
        nc.publish("other.a", bytes("other prefix"));
        nc.publish("events.a", bytes("one"));
        nc.publish("events.a.b.c", bytes("match"));

        assertEquals(List.of("events.a", "events.a.b.c"), receivedSubjectsUntil(sub, "match"));
    }

    @Test
    void queueGroupSharesMessagesWhilePlainSubscriberGetsThemAll() throws Exception {
        int count = 1000;
        try (Connection member1 = connect(new Options.Builder());
             Connection member2 = connect(new Options.Builder());
             Connection plain = connect(new Options.Builder())) {
            Subscription group1 = member1.subscribe("jobs", "workers");
            Subscription group2 = member2.subscribe("jobs", "workers");
            Subscription everything = plain.subscribe("jobs");
            for (Connection c : List.of(member1, member2, plain)) {
                c.flush(WAIT);
            }

            for (int i = 0; i < count; i++) {
                nc.publish("jobs", bytes(Integer.toString(i)));
            }
            nc.flush(WAIT);
            // The server has routed every message; a round trip to each receiver brings them all in.
            for (Connection c : List.of(member1, member2, plain)) {
                c.flush(WAIT);
            }

            Set<String> groupReceived = new HashSet<>();
            int fromMember1 = drain(group1, groupReceived);
            int fromMember2 = drain(group2, groupReceived);
            assertEquals(count, fromMember1 + fromMember2, "each message goes to exactly one group member");
            assertEquals(count, groupReceived.size(), "no message goes to the group twice");
            assertTrue(fromMember1 > 0 && fromMember2 > 0, "both members get work: " + fromMember1 + "/" + fromMember2);
            Set<String> plainReceived = new HashSet<>();
            assertEquals(count, drain(everything, plainReceived));
            assertEquals(count, plainReceived.size());
        }
    }

    @Test
    void headersWithSeveralValuesRoundTrip() throws Exception {
        Subscription sub = nc.subscribe("with.headers");
        Headers headers = new Headers()
                .add("X-Multi", "first", "second")
                .add("X-Single", "only");
        nc.publish(NatsMessage.builder().subject("with.headers").headers(headers).data(bytes("body")).build());

        Message message = sub.nextMessage(WAIT);
        assertNotNull(message);
        assertTrue(message.hasHeaders());
        assertEquals(List.of("first", "second"), message.getHeaders().get("X-Multi"));
        assertEquals(List.of("only"), message.getHeaders().get("X-Single"));
        assertEquals("body", text(message));
    }

    @Test
    void subscriberWithoutHeadersSupportGetsOnlyThePayload() throws Exception {
        try (Connection noHeaders = connect(new Options.Builder().noHeaders().noNoResponders())) {
            Subscription sub = noHeaders.subscribe("with.headers");
            noHeaders.flush(WAIT);

            nc.publish(NatsMessage.builder().subject("with.headers")
                    .headers(new Headers().add("X-Key", "value")).data(bytes("body")).build());

            Message message = sub.nextMessage(WAIT);
            assertNotNull(message);
            assertFalse(message.hasHeaders());
            assertEquals("body", text(message));
        }
    }

    @Test
    void unsubscribeWithMaxDeliversExactlyThatManyAndEndsTheSubscription() throws Exception {
        Subscription sub = nc.subscribe("limited");
        sub.unsubscribe(3);
        for (int i = 0; i < 10; i++) {
            nc.publish("limited", bytes(Integer.toString(i)));
        }
        nc.flush(WAIT);

        for (int i = 0; i < 3; i++) {
            Message message = sub.nextMessage(WAIT);
            assertNotNull(message);
            assertEquals(Integer.toString(i), text(message));
        }
        assertEquals(0, sub.getPendingMessageCount());
        assertEquals(3, server.stats().outMessages(), "the server itself stopped at 3");
        assertTrue(server.router().all().stream().noneMatch(s -> s.subject().equals("limited")),
                "the server dropped the subscription after its 3 messages");
    }

    @Test
    void noEchoKeepsAConnectionsOwnMessagesFromItsSubscriptions() throws Exception {
        try (Connection noEcho = connect(new Options.Builder().noEcho())) {
            Subscription own = noEcho.subscribe("chat");
            Subscription other = nc.subscribe("chat");
            noEcho.flush(WAIT);
            nc.flush(WAIT);

            noEcho.publish("chat", bytes("from no-echo"));
            noEcho.flush(WAIT);
            nc.publish("chat", bytes("from other"));

            assertEquals("from no-echo", text(other.nextMessage(WAIT)), "other connections still get it");
            Message first = own.nextMessage(WAIT);
            assertNotNull(first);
            assertEquals("from other", text(first), "the publisher's own message was not echoed back");
        }
    }

    @Test
    void messagesFromOnePublisherArriveInOrder() throws Exception {
        int count = 100_000;
        try (Connection subscriber = connect(new Options.Builder())) {
            Subscription sub = subscriber.subscribe("sequence");
            subscriber.flush(WAIT);

            for (int i = 0; i < count; i++) {
                nc.publish("sequence", ByteBuffer.allocate(Integer.BYTES).putInt(i).array());
            }

            for (int i = 0; i < count; i++) {
                Message message = sub.nextMessage(WAIT);
                assertNotNull(message, "message " + i + " did not arrive");
                assertEquals(i, ByteBuffer.wrap(message.getData()).getInt());
            }
        }
    }

    @Test
    void binaryPayloadArrivesUnchanged() throws Exception {
        byte[] payload = new byte[256 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        payload[1000] = '\r';
        payload[1001] = '\n';
        Subscription sub = nc.subscribe("binary");
        nc.publish("binary", payload);

        Message message = sub.nextMessage(WAIT);
        assertNotNull(message);
        assertArrayEquals(payload, message.getData());
    }

    /** The subjects of the messages received up to and including the one whose payload is {@code last}. */
    private static List<String> receivedSubjectsUntil(Subscription sub, String last) throws InterruptedException {
        List<String> subjects = new ArrayList<>();
        Message message;
        do {
            message = sub.nextMessage(WAIT);
            assertNotNull(message, "nothing more after " + subjects);
            subjects.add(message.getSubject());
        } while (!text(message).equals(last));
        return subjects;
    }

    /** Takes the messages already queued on {@code sub}, adding their payloads to {@code into}; returns how many. */
    private static int drain(Subscription sub, Set<String> into) throws InterruptedException {
        long queued = sub.getPendingMessageCount();
        for (long i = 0; i < queued; i++) {
            into.add(text(sub.nextMessage(WAIT)));
        }
        return (int) queued;
    }

    private Connection connect(Options.Builder options) throws Exception {
        return Nats.connect(options.server("nats://127.0.0.1:" + server.port()).build());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message message) {
        return new String(message.getData(), StandardCharsets.UTF_8);
    }
}
