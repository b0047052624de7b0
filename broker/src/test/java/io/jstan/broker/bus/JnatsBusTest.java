package io.jstan.broker.bus;

import io.jstan.broker.testing.ReferenceNatsServer;
import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jstan.broker.testing.ClientWaits.WAIT;
import static io.jstan.broker.testing.ClientWaits.await;
import static io.jstan.broker.testing.ClientWaits.bytes;
import static io.jstan.broker.testing.ClientWaits.next;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bus contract kept by {@link JnatsBus} on the real nats-server, and what only a client connection does. */
class JnatsBusTest extends BusContractTest {
    private CapturedLog connectionLog;
    private ReferenceNatsServer server;
    private JnatsBus bus;

    @BeforeEach
    void connect() throws Exception {
        connectionLog = new CapturedLog(ConnectionLogger.class);
        server = ReferenceNatsServer.start();
        bus = JnatsBus.connect(new Options.Builder().server(server.url()).build());
    }

    @AfterEach
    void disconnect() {
        bus.close();
        server.close();
        connectionLog.close();
    }

    @Override
    protected Bus bus() {
        return bus;
    }

    @Override
    protected String serverUrl() {
        return server.url();
    }

    @Test
    void connectionIsLoggedWithTheServersUrl() {
        await(() -> connectionLog.contains("INFO Connected to NATS Server at " + server.url()), "the connection is logged");

        bus.close();

        await(() -> connectionLog.contains("INFO Connection to NATS Server closed"), "the close is logged");
    }

    @Test
    void handlerMayWaitForTheReplyToItsOwnRequest() throws Exception {
        Connection responder = client();
        responder.createDispatcher(request -> responder.publish(request.getReplyTo(), request.getData())).subscribe("jnats.echo");
        responder.flush(WAIT);
        List<String> replies = new CopyOnWriteArrayList<>();
        bus.subscribe("jnats.ask", null, (subject, reply, data) -> replies.add(text(bus.request("jnats.echo", data, WAIT).join())));
        syncBusWithServer();

        responder.publish("jnats.ask", bytes("question"));

        await(() -> replies.equals(List.of("question")), "the handler got its reply");
    }

    @Test
    void closeSendsWhatWasPublishedBeforeIt() throws Exception {
        int count = 10_000;
        Subscription sub = client().subscribe("jnats.last.words");
        client().flush(WAIT);

        for (int i = 0; i < count; i++) {
            bus.publish("jnats.last.words", null, bytes(Integer.toString(i)));
        }
        bus.close();

        for (int i = 0; i < count; i++) {
            assertEquals(Integer.toString(i), text(next(sub, "message " + i).getData()));
        }
    }

    @Test
    void unsubscribingAfterCloseDoesNothing() {
        BusSubscription subscription = bus.subscribe("jnats.closed", null, (subject, reply, data) -> { });

        bus.close();

        assertDoesNotThrow(subscription::unsubscribe);
    }

    @Test
    void blockedHandlerLosesNothingWhenMoreWaitsThanJnatsKeepsByDefault() throws Exception {
        byte[] payload = new byte[1_000_000];
        int count = (int) (Consumer.DEFAULT_MAX_BYTES / payload.length) + 16;
        CompletableFuture<Void> unblocked = new CompletableFuture<>();
        AtomicInteger handled = new AtomicInteger();
        bus.subscribe("jnats.backlog", null, (subject, reply, data) -> {
            unblocked.join();
            handled.incrementAndGet();
        });
        syncBusWithServer();

        for (int i = 0; i < count; i++) {
            client().publish("jnats.backlog", payload);
        }
        client().flush(WAIT);
        // The server has routed every message to the bus before it sees this request, so its
        // reply reaches the bus after them: they are all in the bus's queue now.
        syncBusWithServer();
        unblocked.complete(null);

        await(() -> handled.get() == count, "the handler got all " + count + " messages, now " + handled.get());
    }

    @Test
    void subscriptionsAndRequestsSurviveAReconnect() throws Exception {
        List<Received> received = receiveOn("jnats.survivor", null);
        bus.subscribe("jnats.survivor.service", null, (subject, reply, data) -> bus.publish(reply, null, data));
        syncBusWithServer();
        int port = server.port();

        server.close();
        await(() -> connectionLog.contains("WARN Disconnected from NATS Server at " + server.url()), "the bus noticed the server stop");
        bus.publish("jnats.survivor", null, bytes("published while disconnected"));
        CompletableFuture<byte[]> reply = bus.request("jnats.survivor.service", bytes("asked while disconnected"), WAIT);
        server = ReferenceNatsServer.start("-p", Integer.toString(port));

        await(() -> !received.isEmpty(), "the bus resubscribed, then sent what it published while disconnected");
        assertEquals(List.of(new Received("jnats.survivor", null, "published while disconnected")), received);
        assertEquals("asked while disconnected", text(reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)));
        await(() -> connectionLog.contains("INFO Reconnected to NATS Server at " + server.url()), "the reconnect is logged");
        assertEquals(1, connectionLog.lines().stream().filter(line -> line.startsWith("WARN Disconnected")).count(),
                "one disconnect, one line: " + connectionLog.lines());
    }
}
