package io.jstan.broker.bus;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static io.jstan.broker.testing.ClientWaits.WAIT;
import static io.jstan.broker.testing.ClientWaits.await;
import static io.jstan.broker.testing.ClientWaits.bytes;
import static io.jstan.broker.testing.ClientWaits.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link Bus} does, shown against a NATS server that plain jnats clients also use:
 * a subclass supplies the bus and the server's URL.
 *
 * <p>Two properties of every bus let these tests wait for conditions instead of sleeping. A
 * reply to a request the bus sent to a client proves that the server has taken the bus's
 * earlier subscriptions and publishes ({@link #syncBusWithServer()}). And one publisher's
 * messages reach the bus's handlers in the order they were published, so a marker published
 * last proves that the messages before it were delivered ({@link #clientPublishesMarker()}).
 */
abstract class BusContractTest {
    private static final String SYNC_SUBJECT = "contract.sync";
    private static final String MARKER_SUBJECT = "contract.marker";

    private Connection client;
    private BusSubscription markerSubscription;
    private final List<String> markers = new CopyOnWriteArrayList<>();
    private final AtomicLong nextMarker = new AtomicLong();

    /** The bus under test, open. */
    protected abstract Bus bus();

    /** The URL plain jnats clients connect to, of the server {@link #bus()} works on. */
    protected abstract String serverUrl();

    @AfterEach
    void closeClient() throws InterruptedException {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void requestNobodyListensToFailsAtOnceWithNoResponders() {
        CompletableFuture<byte[]> reply = bus().request("contract.nobody", bytes("anyone?"), WAIT.multipliedBy(10));

        ExecutionException failure = assertThrows(ExecutionException.class, () -> reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(NoRespondersException.class, failure.getCause());
        assertEquals("no responders on contract.nobody", failure.getCause().getMessage());
    }

    @Test
    void handlerReceivesSubjectReplyAndDataOfAClientPublish() throws Exception {
        List<Received> received = receiveOn("contract.in.*", null);
        syncBusWithServer();

        client().publish("contract.in.one", "contract.reply.here", bytes("from client"));
        clientPublishesMarker();

        assertEquals(List.of(new Received("contract.in.one", "contract.reply.here", "from client")), received);
    }

    @Test
    void handlerGetsANullReplyAndEmptyDataWhenThereAreNone() throws Exception {
        List<Received> received = receiveOn("contract.bare", null);
        syncBusWithServer();

        client().publish("contract.bare", new byte[0]);
        clientPublishesMarker();

        assertEquals(List.of(new Received("contract.bare", null, "")), received);
    }

    @Test
    void clientReceivesSubjectReplyAndDataOfABusPublish() throws Exception {
        Subscription sub = client().subscribe("contract.out");
        client().flush(WAIT);

        bus().publish("contract.out", "contract.reply.there", bytes("from bus"));

        Message message = next(sub, "the bus's message");
        assertEquals("contract.out", message.getSubject());
        assertEquals("contract.reply.there", message.getReplyTo());
        assertEquals("from bus", text(message.getData()));
    }

    @Test
    void busReceivesWhatItPublishes() throws Exception {
        List<Received> received = receiveOn("contract.echo", null);
        syncBusWithServer();

        bus().publish("contract.echo", null, bytes("to myself"));

        await(() -> received.size() == 1, "the bus received its own message");
        assertEquals(new Received("contract.echo", null, "to myself"), received.get(0));
    }

    @Test
    void queueGroupSplitsMessagesBetweenTwoSubscriptions() throws Exception {
        int count = 1000;
        List<Received> first = receiveOn("contract.work", "workers");
        List<Received> second = receiveOn("contract.work", "workers");
        syncBusWithServer();

        for (int i = 0; i < count; i++) {
            client().publish("contract.work", bytes(Integer.toString(i)));
        }
        clientPublishesMarker();

        HashSet<String> distinct = new HashSet<>();
        first.forEach(message -> distinct.add(message.data()));
        second.forEach(message -> distinct.add(message.data()));
        assertEquals(count, first.size() + second.size(), "each message goes to one member only");
        assertEquals(count, distinct.size(), "every message is delivered");
        assertTrue(!first.isEmpty() && !second.isEmpty(), "both members get work: " + first.size() + "/" + second.size());
    }

    @Test
    void requestIsAnsweredByAPlainClient() throws Exception {
        Connection responder = client();
        responder.createDispatcher(request -> responder.publish(request.getReplyTo(), bytes("re: " + text(request.getData()))))
                .subscribe("contract.service");
        responder.flush(WAIT);

        byte[] reply = bus().request("contract.service", bytes("question"), WAIT).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals("re: question", text(reply));
    }

    @Test
    void requestIsAnsweredByAHandlerOfTheSameBus() throws Exception {
        bus().subscribe("contract.own.service", null, (subject, reply, data) -> bus().publish(reply, null, bytes("re: " + text(data))));
        syncBusWithServer();

        byte[] reply = bus().request("contract.own.service", bytes("question"), WAIT).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals("re: question", text(reply));
    }

    @Test
    void requestNobodyAnswersTimesOut() throws Exception {
        clientListensWithoutAnswering("contract.silent");
        Duration timeout = Duration.ofMillis(200);
        long start = System.nanoTime();

        CompletableFuture<byte[]> reply = bus().request("contract.silent", bytes("anyone?"), timeout);

        ExecutionException failure = assertThrows(ExecutionException.class, () -> reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(TimeoutException.class, failure.getCause());
        assertTrue(System.nanoTime() - start >= timeout.toNanos(), "not before the timeout");
    }

    @Test
    void unsubscribedHandlerGetsNothingMore() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        BusSubscription subscription = bus().subscribe("contract.stop", null, collectInto(received));
        syncBusWithServer();
        client().publish("contract.stop", bytes("before"));
        clientPublishesMarker();

        subscription.unsubscribe();
        subscription.unsubscribe();
        syncBusWithServer();
        client().publish("contract.stop", bytes("after"));
        clientPublishesMarker();

        assertEquals(List.of(new Received("contract.stop", null, "before")), received);
    }

    @Test
    void handlerThatThrowsKeepsReceiving() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        bus().subscribe("contract.fragile", null, (subject, reply, data) -> {
            received.add(text(data));
            throw new IllegalStateException("handler bug, on purpose");
        });
        syncBusWithServer();

        client().publish("contract.fragile", bytes("first"));
        client().publish("contract.fragile", bytes("second"));
        clientPublishesMarker();

        assertEquals(List.of("first", "second"), received);
    }

    @Test
    void messagesOfOnePublisherArriveInTheOrderPublished() throws Exception {
        int count = 10_000;
        List<Received> received = receiveOn("contract.ordered", null);
        syncBusWithServer();

        for (int i = 0; i < count; i++) {
            client().publish("contract.ordered", bytes(Integer.toString(i)));
        }
        clientPublishesMarker();

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected, received.stream().map(Received::data).toList());
    }

    @Test
    void closeFailsTheRequestsStillWaiting() throws Exception {
        clientListensWithoutAnswering("contract.slow");
        CompletableFuture<byte[]> reply = bus().request("contract.slow", bytes("anyone?"), WAIT.multipliedBy(10));

        bus().close();

        ExecutionException failure = assertThrows(ExecutionException.class, () -> reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(TimeoutException.class, failure.getCause());
    }

    @Test
    void invalidSubjectsAreRefused() {
        MessageHandler ignore = (subject, reply, data) -> { };

        assertEquals("invalid subject: contract..empty",
                assertThrows(IllegalArgumentException.class, () -> bus().subscribe("contract..empty", null, ignore)).getMessage());
        assertEquals("invalid subject: contract.>.more",
                assertThrows(IllegalArgumentException.class, () -> bus().subscribe("contract.>.more", null, ignore)).getMessage());
        assertEquals("invalid publish subject: contract.*",
                assertThrows(IllegalArgumentException.class, () -> bus().publish("contract.*", null, bytes("x"))).getMessage());
        assertEquals("invalid publish subject: contract.>",
                assertThrows(IllegalArgumentException.class, () -> bus().request("contract.>", bytes("x"), WAIT)).getMessage());
    }

    @Test
    void newInboxIsUniqueAndTakesReplies() throws Exception {
        String inbox = bus().newInbox();
        assertNotEquals(inbox, bus().newInbox());
        List<Received> received = receiveOn(inbox, null);
        syncBusWithServer();

        client().publish(inbox, bytes("reply"));
        clientPublishesMarker();

        assertEquals(List.of(new Received(inbox, null, "reply")), received);
    }

    @Test
    void replySubjectGetsNothingWhenNobodyListensToThePublish() throws Exception {
        String inbox = bus().newInbox();
        List<Received> received = receiveOn(inbox, null);
        syncBusWithServer();

        bus().publish("contract.nobody.listens", inbox, bytes("hello?"));
        bus().publish(inbox, null, bytes("after"));

        await(() -> !received.isEmpty(), "the bus received its own message");
        assertEquals(List.of(new Received(inbox, null, "after")), received);
    }

    /** A plain jnats client on {@link #serverUrl()}, which answers requests on {@value #SYNC_SUBJECT}. */
    protected Connection client() throws IOException, InterruptedException {
        if (client == null) {
            // Reconnects at once and for ever, should a test restart the server.
            client = Nats.connect(new Options.Builder().server(serverUrl())
                    .maxReconnects(-1).reconnectWait(Duration.ofMillis(50)).build());
            client.createDispatcher(request -> client.publish(request.getReplyTo(), request.getData())).subscribe(SYNC_SUBJECT);
            try {
                client.flush(WAIT);
            } catch (TimeoutException e) {
                throw new IllegalStateException("the test client cannot reach " + serverUrl(), e);
            }
        }
        return client;
    }

    /** Returns once the server has taken everything the bus sent before, its subscriptions included. */
    protected void syncBusWithServer() throws Exception {
        client();
        assertTrue(bus().flush(WAIT), "the server confirms what the bus sent");
    }

    /** Returns once the bus's handlers have been given everything the client published before. */
    protected void clientPublishesMarker() throws Exception {
        if (markerSubscription == null) {
            markerSubscription = bus().subscribe(MARKER_SUBJECT, null, (subject, reply, data) -> markers.add(text(data)));
            syncBusWithServer();
        }
        String marker = Long.toString(nextMarker.incrementAndGet());
        client().publish(MARKER_SUBJECT, bytes(marker));
        await(() -> markers.contains(marker), "the bus received marker " + marker);
    }

    /** A plain client subscribes to {@code subject}, so that a request to it neither gets a reply nor "no responders". */
    protected void clientListensWithoutAnswering(String subject) throws Exception {
        client().subscribe(subject);
        client().flush(WAIT);
    }

    /** Subscribes the bus to {@code subject}; the list fills as the messages arrive. */
    protected List<Received> receiveOn(String subject, String queue) {
        List<Received> received = new CopyOnWriteArrayList<>();
        bus().subscribe(subject, queue, collectInto(received));
        return received;
    }

    private static MessageHandler collectInto(List<Received> received) {
        return (subject, reply, data) -> received.add(new Received(subject, reply, text(data)));
    }

    protected static String text(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** A message as a handler got it, its data as text. */
    protected record Received(String subject, String reply, String data) {
    }
}
