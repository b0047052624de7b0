package io.jstan.broker.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Request/reply through jnats: its shared reply inbox, dispatcher-based responders, and no_responders. */
class RequestReplyClientTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private NatsServer server;
    private Connection requester;
    private Connection responder;

    @BeforeEach
    void startServer() throws Exception {
        server = new NatsServer(new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT));
        server.start();
        requester = connect(new Options.Builder().reportNoResponders());
        responder = connect(new Options.Builder());
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        requester.close();
        responder.close();
        server.close();
    }

    @Test
    void requestGetsTheDispatcherResponderReply() throws Exception {
        answerWithUpperCase("to.upper");

        Message reply = requester.request("to.upper", bytes("hello"), WAIT);

        assertNotNull(reply, "no reply within " + WAIT);
        assertEquals("HELLO", text(reply));
    }

    @Test
    void concurrentRequestsEachGetTheirOwnReply() throws Exception {
        answerWithUpperCase("to.upper");
        List<CompletableFuture<Message>> replies = new ArrayList<>();

        for (int i = 0; i < 200; i++) {
            replies.add(requester.requestWithTimeout("to.upper", bytes("request " + i), WAIT));
        }

        for (int i = 0; i < replies.size(); i++) {
            assertEquals("REQUEST " + i, text(replies.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS)));
        }
    }

    @Test
    void oldStyleRequestsUseOneInboxEachAndLeaveNoSubscriptionBehind() throws Exception {
        answerWithUpperCase("to.upper");
        try (Connection oldStyle = connect(new Options.Builder().oldRequestStyle())) {
            for (int i = 0; i < 3; i++) {
                Message reply = oldStyle.request("to.upper", bytes("request " + i), WAIT);
                assertNotNull(reply, "no reply within " + WAIT);
                assertEquals("REQUEST " + i, text(reply));
            }

            long clientId = oldStyle.getServerInfo().getClientId();
            ConnectionInfo onServer = server.connections(true).stream()
                    .filter(c -> c.cid() == clientId).findFirst().orElseThrow();
            // jnats keeps its shared wildcard inbox; each literal per-request inbox ended with its UNSUB 1.
            assertTrue(onServer.subscriptions().stream().allMatch(subject -> subject.endsWith(".*")),
                    "per-request inboxes left behind: " + onServer.subscriptions());
        }
    }

    @Test
    void requestToASubjectNobodyListensOnFailsWithNoResponders() {
        // The request's own timeout is far beyond the wait: only the server's 503 can end it in time.
        CompletableFuture<Message> reply = requester.requestWithTimeout("nobody.home", bytes("anyone?"),
                Duration.ofMinutes(1));

        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        JetStreamStatusException status = assertInstanceOf(JetStreamStatusException.class, failure.getCause());
        assertEquals(503, status.getStatus().getCode());
    }

    private void answerWithUpperCase(String subject) throws Exception {
        Dispatcher dispatcher = responder.createDispatcher(request ->
                responder.publish(request.getReplyTo(), bytes(text(request).toUpperCase())));
        dispatcher.subscribe(subject);
        responder.flush(WAIT);
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
