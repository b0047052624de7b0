package io.jstan.broker.streaming;

import io.jstan.broker.bus.MessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The discovery subject's handler from before the store is recovered: connect requests that come
 * while the server starts are kept, and handed to the connect handler, in order, once the server
 * serves; from then on every request goes straight to it. So a client that asks during the start,
 * through another server of the NATS network, is answered as soon as the server is ready (when it
 * still waits), instead of finding nobody there.
 */
final class EarlyConnectRequests implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyConnectRequests.class);
    /** A bound on what a flood of connect requests can take while the server starts. */
    static final int MAX_HELD = 10_000;

    private record Request(String subject, String reply, byte[] data) {
    }

    private List<Request> held = new ArrayList<>();
    private boolean dropping;
    private MessageHandler handler;

    @Override
    public void onMessage(String subject, String reply, byte[] data) {
        MessageHandler ready;
        synchronized (this) {
            ready = handler;
            if (ready == null) {
                hold(new Request(subject, reply, data));
                return;
            }
        }
        ready.onMessage(subject, reply, data);
    }

    /** Hands the requests kept so far to {@code connects}, then every later one. */
    void serveWith(MessageHandler connects) {
        List<Request> waiting;
        synchronized (this) {
            handler = connects;
            waiting = held;
            held = null;
        }
        if (!waiting.isEmpty()) {
            LOG.debug("Answering {} connect request(s) that came during the start", waiting.size());
        }
        waiting.forEach(request -> connects.onMessage(request.subject(), request.reply(), request.data()));
    }

    private void hold(Request request) {
        if (held.size() < MAX_HELD) {
            held.add(request);
        } else if (!dropping) {
            dropping = true;
            LOG.warn("More than {} connect requests during the start: the later ones are dropped", MAX_HELD);
        }
    }
}
