package io.jstan.broker.testing;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import org.junit.jupiter.api.function.Executable;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.jstan.broker.testing.ClientWaits.WAIT;
import static io.jstan.broker.testing.ClientWaits.bytes;
import static io.jstan.broker.testing.ClientWaits.drain;
import static io.jstan.broker.testing.ClientWaits.flushAll;
import static io.jstan.broker.testing.ClientWaits.next;
import static io.jstan.broker.testing.ClientWaits.subjectsUntil;
import static io.jstan.broker.testing.ClientWaits.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Publish and subscribe as jnats users do it (subjects, wildcards, queue groups, headers, UNSUB,
 * echo, order), against any server listening on 127.0.0.1:port. Each scenario connects on its
 * own and uses subjects of its own, so scenarios can share one server.
 */
public record PubSubScenarios(int port) {
    /** The subject {@link #unsubscribeWithMaxDeliversExactlyThatMany} subscribes to. */
    public static final String UNSUB_SUBJECT = "unsub.limited";

    public void subscriberReceivesWhatIsPublishedToItsSubject() throws Exception {
        try (Connection nc = connect()) {
            Subscription sub = nc.subscribe("pubsub.greeting");
            nc.flush(WAIT);

            try (Connection publisher = connect()) {
                publisher.publish("pubsub.greeting", "pubsub.reply", bytes("hello"));
                publisher.flush(WAIT);
            }

            Message message = next(sub, "the greeting");
            assertEquals("pubsub.greeting", message.getSubject());
            assertEquals("pubsub.reply", message.getReplyTo());
            assertEquals("hello", text(message));
        }
    }

    public void emptyPayloadIsDelivered() throws Exception {
        try (Connection nc = connect()) {
            Subscription sub = nc.subscribe("pubsub.empty");
            nc.publish("pubsub.empty", new byte[0]);

            assertEquals(0, next(sub, "the empty message").getData().length);
        }
    }

    public void partialWildcardMatchesExactlyOneToken() throws Exception {
        assertOnlyMatchingSubjectsArrive("star.*.created",
                List.of("star.created", "star.eu.west.created", "star.eu.deleted", "other.eu.created",
                        "star.eu.created", "star.us.deleted"),
                List.of("star.eu.created"));
    }

    public void fullWildcardMatchesOneOrMoreTrailingTokens() throws Exception {
        assertOnlyMatchingSubjectsArrive("tail.>",
                List.of("tail", "other.a", "tail.a", "tail.a.b.c", "tail"),
                List.of("tail.a", "tail.a.b.c"));
    }

    public void queueGroupSharesMessagesWhilePlainSubscriberGetsThemAll() throws Exception {
        int count = 1000;
        try (Connection nc = connect(); Connection member1 = connect(); Connection member2 = connect();
             Connection plain = connect()) {
            Subscription group1 = member1.subscribe("queue.jobs", "workers");
            Subscription group2 = member2.subscribe("queue.jobs", "workers");
            Subscription everything = plain.subscribe("queue.jobs");
            flushAll(member1, member2, plain);

            for (int i = 0; i < count; i++) {
                nc.publish("queue.jobs", bytes(Integer.toString(i)));
            }
            // Once the publisher's PING is answered the server has routed every message; a round
            // trip on each receiving connection then brings in all that was routed to it.
            flushAll(nc, member1, member2, plain);

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

    public void headersWithSeveralValuesRoundTrip() throws Exception {
        try (Connection nc = connect()) {
            Subscription sub = nc.subscribe("headers.trip");
            Headers headers = new Headers().add("X-Multi", "first", "second").add("X-Single", "only");
            nc.publish(NatsMessage.builder().subject("headers.trip").headers(headers).data(bytes("body")).build());

            Message message = next(sub, "the message with headers");
            assertTrue(message.hasHeaders());
            assertEquals(List.of("first", "second"), message.getHeaders().get("X-Multi"));
            assertEquals(List.of("only"), message.getHeaders().get("X-Single"));
            assertEquals("body", text(message));
        }
    }

    public void subscriberWithoutHeadersSupportGetsOnlyThePayload() throws Exception {
        try (Connection nc = connect();
             Connection noHeaders = connect(new Options.Builder().noHeaders().noNoResponders())) {
            Subscription sub = noHeaders.subscribe("headers.none");
            noHeaders.flush(WAIT);

            nc.publish(NatsMessage.builder().subject("headers.none")
                    .headers(new Headers().add("X-Key", "value")).data(bytes("body")).build());

            Message message = next(sub, "the message without its headers");
            assertFalse(message.hasHeaders());
            assertEquals("body", text(message));
        }
    }

    /**
     * {@code UNSUB sid 3} through jnats: three messages, then the subscription ends.
     * {@code whileConnected} runs after that, the connection still open, for checks on the
     * server's side of {@link #UNSUB_SUBJECT}.
     */
    public void unsubscribeWithMaxDeliversExactlyThatMany(Executable whileConnected) throws Throwable {
        try (Connection nc = connect()) {
            Subscription sub = nc.subscribe(UNSUB_SUBJECT);
            sub.unsubscribe(3);
            for (int i = 0; i < 10; i++) {
                nc.publish(UNSUB_SUBJECT, bytes(Integer.toString(i)));
            }
            nc.flush(WAIT);

            for (int i = 0; i < 3; i++) {
                assertEquals(Integer.toString(i), text(next(sub, "message " + i)));
            }
            assertEquals(0, sub.getPendingMessageCount());
            assertFalse(sub.isActive());
            whileConnected.execute();
        }
    }

    /** {@code UNSUB sid 3} on the wire: the server itself stops after 3, rather than the client dropping the rest. */
    public void serverStopsDeliveringAtTheUnsubMax() throws Exception {
        try (RawConversation raw = RawConversation.open(port)) {
            StringBuilder sent = new StringBuilder("CONNECT {\"verbose\":false}\r\nSUB unsub.raw 1\r\nUNSUB 1 3\r\n");
            for (int i = 0; i < 10; i++) {
                sent.append("PUB unsub.raw 1\r\n").append(i).append("\r\n");
            }
            assertEquals(List.of("MSG unsub.raw 1 1\r\n", "0\r\n", "MSG unsub.raw 1 1\r\n", "1\r\n",
                    "MSG unsub.raw 1 1\r\n", "2\r\n"), raw.exchange(sent.toString()));
        }
    }

    public void noEchoKeepsAConnectionsOwnMessagesFromItsSubscriptions() throws Exception {
        try (Connection nc = connect(); Connection noEcho = connect(new Options.Builder().noEcho())) {
            Subscription own = noEcho.subscribe("echo.chat");
            Subscription other = nc.subscribe("echo.chat");
            flushAll(noEcho, nc);

            noEcho.publish("echo.chat", bytes("from no-echo"));
            noEcho.flush(WAIT);
            nc.publish("echo.chat", bytes("from other"));

            assertEquals("from no-echo", text(next(other, "the no-echo message")), "other connections still get it");
            assertEquals("from other", text(next(own, "the other message")),
                    "the publisher's own message was not echoed back");
        }
    }

    public void messagesFromOnePublisherArriveInOrder() throws Exception {
        int count = 100_000;
        try (Connection nc = connect(); Connection subscriber = connect()) {
            Subscription sub = subscriber.subscribe("order.sequence");
            subscriber.flush(WAIT);

            for (int i = 0; i < count; i++) {
                nc.publish("order.sequence", ByteBuffer.allocate(Integer.BYTES).putInt(i).array());
            }

            for (int i = 0; i < count; i++) {
                assertEquals(i, ByteBuffer.wrap(next(sub, "message " + i).getData()).getInt());
            }
        }
    }

    public void binaryPayloadArrivesUnchanged() throws Exception {
        byte[] payload = new byte[256 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        payload[1000] = '\r';
        payload[1001] = '\n';
        try (Connection nc = connect()) {
            Subscription sub = nc.subscribe("binary.payload");
            nc.publish("binary.payload", payload);

            assertArrayEquals(payload, next(sub, "the binary message").getData());
        }
    }

    /**
     * Subscribes to {@code pattern}, publishes to each of {@code published} (its subject as the
     * payload) and sees exactly {@code matching} arrive, in order, and nothing else.
     */
    private void assertOnlyMatchingSubjectsArrive(String pattern, List<String> published, List<String> matching)
            throws Exception {
        try (Connection nc = connect()) {
            Subscription sub = nc.subscribe(pattern);
            for (String subject : published) {
                nc.publish(subject, bytes(subject));
            }

            assertEquals(matching, subjectsUntil(sub, matching.get(matching.size() - 1)));
            nc.flush(WAIT);
            assertEquals(0, sub.getPendingMessageCount(), "nothing else of " + published + " matches " + pattern);
        }
    }

    private Connection connect() throws Exception {
        return connect(new Options.Builder());
    }

    private Connection connect(Options.Builder options) throws Exception {
        return Nats.connect(options.server("nats://127.0.0.1:" + port).noReconnect().build());
    }
}
