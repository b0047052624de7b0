package io.jstan.broker.streaming;

import io.jstan.broker.bus.Bus;
import io.jstan.broker.cluster.ClusterSubjects;
import io.jstan.raft.proto.HandoverRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The leaving leader's side of a handover, once the next leader is elected: it waits until that
 * one listens, stops listening itself, and sends it the requests it held, in the order they came.
 * A request received by both while both listened is taken once: the next leader skips its copy.
 */
final class HandoverSender {
    private static final Logger LOG = LoggerFactory.getLogger(HandoverSender.class);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * How long this node goes on listening once the next leader does: every NATS server must learn
     * that it listens before this one stops, or a server that learns of this one's leaving first
     * has nobody to give requests to, and drops them.
     */
    private static final long INTEREST_SETTLES_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** What one handover message carries at most, well under NATS's default max payload. */
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;

    private HandoverSender() {
    }

    /** Hands {@code leaving}'s requests to the next leader, giving up after {@code timeout}. */
    static void send(Bus bus, String clusterId, String nodeId, Serving leaving, Duration timeout) throws InterruptedException {
        String subject = ClusterSubjects.handover(clusterId);
        long deadline = System.nanoTime() + timeout.toNanos();
        HandoverRequests.Builder message = HandoverRequests.newBuilder().setFromNode(nodeId);
        while (!answered(bus, subject, message.build())) {
            if (System.nanoTime() - deadline > 0) {
                List<RequestGate.Request> lost = leaving.releaseRequests();
                LOG.warn("No new leader took the handover: {} held request(s) dropped", lost.size());
                return;
            }
            LockSupport.parkNanos(RETRY_PAUSE_NANOS);
        }
        LockSupport.parkNanos(INTEREST_SETTLES_NANOS);
        List<RequestGate.Request> held = leaving.releaseRequests();
        for (RequestGate.Request request : held) {
            if (message.getRequestsCount() > 0 && message.build().getSerializedSize() + request.data().length > MAX_MESSAGE_BYTES) {
                sendOrLog(bus, subject, message.build());
                message.clearRequests();
            }
            message.addRequests(HandoverReceiver.toMessage(request));
        }
        sendOrLog(bus, subject, message.setLast(true).build());
        LOG.info("Handed {} held request(s) over to the new leader", held.size());
    }

    private static boolean answered(Bus bus, String subject, HandoverRequests message) throws InterruptedException {
        try {
            bus.request(subject, message.toByteArray(), ANSWER_TIMEOUT).get();
            return true;
        } catch (ExecutionException e) {
            return false;
        }
    }

    private static void sendOrLog(Bus bus, String subject, HandoverRequests message) throws InterruptedException {
        if (!answered(bus, subject, message)) {
            LOG.error("The new leader did not confirm {} handed over request(s)", message.getRequestsCount());
        }
    }
}
