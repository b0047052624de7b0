package io.jstan.broker.testing;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.jstan.broker.testing.ClientWaits.WAIT;
import static io.jstan.broker.testing.ClientWaits.bytes;
import static io.jstan.broker.testing.ClientWaits.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Request/reply through jnats, against any server listening on 127.0.0.1:port: its shared reply
 * inbox, dispatcher-based responders, old-style requests and no_responders.
 */
public record RequestReplyScenarios(int port) {

    /** Checks on the server's side of a connection, while it is still open. */
    @FunctionalInterface
    public interface ConnectionCheck {
        void check(Connection connection) throws Exception;
    }

    public void requestGetsTheDispatcherResponderReply() throws Exception {
        try (Connection requester = connect(); Connection responder = connect()) {
            answerWithUpperCase(responder, "request.upper");

            for (int i = 0; i < 3; i++) {
                Message reply = requester.request("request.upper", bytes("question " + i), WAIT);
                assertNotNull(reply, "no reply within " + WAIT);
                assertEquals("QUESTION " + i, text(reply));
            }
        }
    }

    public void concurrentRequestsEachGetTheirOwnReply() throws Exception {
        try (Connection requester = connect(); Connection responder = connect()) {
            answerWithUpperCase(responder, "request.concurrent");
            List<CompletableFuture<Message>> replies = new ArrayList<>();

            for (int i = 0; i < 200; i++) {
                replies.add(requester.requestWithTimeout("request.concurrent", bytes("request " + i), WAIT));
            }

            for (int i = 0; i < replies.size(); i++) {
                assertEquals("REQUEST " + i, text(replies.get(i).get(WAIT.toMillis(), TimeUnit.MILLISECONDS)));
            }
        }
    }

    /** {@code whileConnected} gets the old-style requester after its requests, to check what the server kept of it. */
    public void oldStyleRequestsUseOneInboxEach(ConnectionCheck whileConnected) throws Exception {
        try (Connection responder = connect(); Connection oldStyle = connect(new Options.Builder().oldRequestStyle())) {
            answerWithUpperCase(responder, "request.old");
            for (int i = 0; i < 3; i++) {
                Message reply = oldStyle.request("request.old", bytes("request " + i), WAIT);
                assertNotNull(reply, "no reply within " + WAIT);
                assertEquals("REQUEST " + i, text(reply));
            }
            whileConnected.check(oldStyle);
        }
    }

    public void requestToASubjectNobodyListensOnFailsWithNoResponders() throws Exception {
        try (Connection requester = connect()) {
            // The request's own timeout is far beyond the wait: only the server's 503 can end it in time.
            CompletableFuture<Message> reply = requester.requestWithTimeout("request.nobody.home", bytes("anyone?"),
                    Duration.ofMinutes(1));

            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> reply.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            JetStreamStatusException status = assertInstanceOf(JetStreamStatusException.class, failure.getCause());
            assertEquals(503, status.getStatus().getCode());
        }
    }

    private static void answerWithUpperCase(Connection responder, String subject) throws Exception {
        Dispatcher dispatcher = responder.createDispatcher(request ->
                responder.publish(request.getReplyTo(), bytes(text(request).toUpperCase())));
        dispatcher.subscribe(subject);
        responder.flush(WAIT);
    }

    private Connection connect() throws Exception {
        return connect(new Options.Builder());
    }

    private Connection connect(Options.Builder options) throws Exception {
        return Nats.connect(options.server("nats://127.0.0.1:" + port).reportNoResponders().noReconnect().build());
    }
}
