package io.jstan.broker.streaming;

import io.jstan.broker.bus.MessageHandler;
import io.jstan.broker.testing.ClientWaits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(30)
class RequestGateTest {

    /**
     * A handover submits its own operation once the gate holds: a request whose handler was still
     * running then would submit after it, and fail when leadership moves.
     */
    @Test
    void holdReturnsOnceTheRequestsPassedOnBeforeAreHandled() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch handlerEntered = new CountDownLatch(1);
        CountDownLatch releaseHandler = new CountDownLatch(1);
        RequestGate gate = new RequestGate(false);
        MessageHandler publishes = gate.route("_STAN.pub.>", (subject, reply, data) -> {
            handlerEntered.countDown();
            await(releaseHandler);
            events.add("request handled");
        });
        Thread request = new Thread(() -> publishes.onMessage("_STAN.pub.x.orders", "reply", new byte[0]));
        request.start();
        handlerEntered.await();

        Thread handover = new Thread(() -> {
            try {
                gate.hold();
                events.add("gate holds");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        handover.start();
        ClientWaits.await(() -> handover.getState() == Thread.State.WAITING || !handover.isAlive(),
                "the handover waits for the request, or is done");
        releaseHandler.countDown();
        request.join();
        handover.join();

        assertEquals(List.of("request handled", "gate holds"), events);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
