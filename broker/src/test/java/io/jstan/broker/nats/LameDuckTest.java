package io.jstan.broker.nats;

import io.jstan.broker.testing.RawConversation;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static io.jstan.broker.testing.ClientWaits.WAIT;
import static io.jstan.broker.testing.ClientWaits.await;
import static io.jstan.broker.testing.ClientWaits.bytes;
import static io.jstan.broker.testing.ClientWaits.next;
import static io.jstan.broker.testing.ClientWaits.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server with routes that shuts down sends its clients to the other servers first, and no
 * answer to a request of theirs is lost on the way: what a rolling restart relies on.
 */
class LameDuckTest {
    @RegisterExtension
    final InProcessMesh mesh = new InProcessMesh();

    @Test
    void anAnswerOwedToAClientSentAwayFollowsItToItsNextServer() throws Exception {
        NatsServer leaving = mesh.start();
        NatsServer staying = mesh.start(InProcessMesh.routeUrl(leaving));
        InProcessMesh.awaitFullMesh(List.of(leaving, staying));
        try (Connection responder = connect(staying.port()); RawConversation requester = RawConversation.open(leaving.port())) {
            Subscription requests = responder.subscribe("service");
            responder.flush(WAIT);
            assertEquals(List.of(), requester.exchange("CONNECT {\"verbose\":false}\r\nSUB _INBOX.owed 1\r\n"));
            await(() -> leaving.router().match("service").routes().length == 1
                    && staying.router().match("_INBOX.owed").routes().length == 1, "each server knows the other's interest");
            assertEquals(List.of(), requester.exchange("PUB service _INBOX.owed 2\r\nhi\r\n"));
            Message request = next(requests, "the request");

            Thread closing = new Thread(leaving::close, "closing");
            closing.start();
            assertEquals(List.of(RawConversation.CLOSED), requester.exchangeUntilClosed(""),
                    "the server shuts its side once it has written what was queued");
            responder.publish(request.getReplyTo(), bytes("answer"));
            responder.flush(WAIT);
            requester.close();
            try (Connection moved = connect(staying.port())) {
                Subscription answers = moved.subscribe("_INBOX.owed");
                moved.flush(WAIT);
                assertEquals("answer", text(next(answers, "the answer owed to the client that moved")));
            }
            closing.join(WAIT.toMillis());
            assertFalse(closing.isAlive(), "the server is done leaving once the answer is forwarded");
        }
    }

    @Test
    void noRequestFailsWhileTheRequestersServerLeaves() throws Exception {
        NatsServer leaving = mesh.start();
        NatsServer staying = mesh.start(InProcessMesh.routeUrl(leaving));
        InProcessMesh.awaitFullMesh(List.of(leaving, staying));
        Options options = Options.builder().server("nats://127.0.0.1:" + leaving.port()).server("nats://127.0.0.1:" + staying.port())
                .noRandomize().reconnectWait(Duration.ofMillis(10)).maxReconnects(-1).build();
        try (Connection responder = connect(staying.port()); Connection requester = Nats.connect(options)) {
            responder.createDispatcher(request -> responder.publish(request.getReplyTo(), request.getData())).subscribe("echo");
            responder.flush(WAIT);
            await(() -> leaving.router().match("echo").routes().length == 1, "the requester's server knows the responder");
            AtomicInteger answered = new AtomicInteger();
            AtomicReference<String> failure = new AtomicReference<>();
            Thread requesting = new Thread(() -> {
                for (int i = 0; failure.get() == null && answered.get() < 2_000; i++) {
                    byte[] sent = bytes(Integer.toString(i));
                    try {
                        Message answer = requester.request("echo", sent, WAIT);
                        if (answer == null) {
                            failure.set("request " + i + " timed out");
                        } else if (!text(answer).equals(Integer.toString(i))) {
                            failure.set("request " + i + " got " + text(answer));
                        } else {
                            answered.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failure.set("request " + i + ": " + e);
                    }
                }
            }, "requesting");
            requesting.start();
            await(() -> answered.get() >= 200 || failure.get() != null, "requests are answered");
            leaving.close();
            assertTrue(String.valueOf(requester.getConnectedUrl()).endsWith(":" + staying.port()),
                    "the requester moved to the other server before this one was done: " + requester.getConnectedUrl());
            requesting.join(WAIT.toMillis() * 3);
            assertNull(failure.get());
            assertEquals(2_000, answered.get());
        }
    }

    private static Connection connect(int port) throws Exception {
        return Nats.connect(Options.builder().server("nats://127.0.0.1:" + port).build());
    }
}
