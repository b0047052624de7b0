package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What is waiting to be written to one client or route. Any thread appends (publishers run on
 * other connections' event loops); the bytes are written and flushed on the client's own
 * event loop, one flush for everything that was appended meanwhile. The bytes queued here
 * and not yet written to the socket are counted: past the limit the client is a slow consumer.
 * The counters live under the same lock as the buffer, so the hot path takes no other.
 * Past half of max_pending, the producer whose message was appended is told (through
 * {@link Congestion}) so that it can pause until this buffer drains, as nats-server stalls fast producers.
 */
final class OutboundBuffer {
    /** Big enough that a burst of deliveries between two flushes rarely makes the buffer grow and copy itself. */
    private static final int INITIAL_CAPACITY = 16 * 1024;
    /** What an append must do once it has left the lock. */
    private static final int NOTHING = 0;
    private static final int SCHEDULE_FLUSH = 1;
    private static final int SLOW_CONSUMER = 2;
    /** A flag on top of the above: more than half of max_pending is queued. */
    private static final int OVERRUN = 4;
    /** How long a producer that overran this buffer pauses, at least and at most (nats-server's figures). */
    private static final long MIN_STALL_MILLIS = 100;
    private static final long MAX_STALL_MILLIS = 1000;

    private final Channel channel;
    private final long maxPending;
    private final long stallThreshold;
    private final Runnable onSlowConsumer;
    private final Runnable flushTask = this::flush;
    private final ProtocolWriter writer = new ProtocolWriter();

    private ByteBuf buffer;
    private boolean flushScheduled;
    private boolean closed;
    private long pendingBytes;
    private long messages;
    private long messageBytes;
    /** Producers paused until this buffer is back under half of max_pending. */
    private List<Runnable> drainListeners;

    OutboundBuffer(Channel channel, long maxPending, Runnable onSlowConsumer) {
        this.channel = channel;
        this.maxPending = maxPending;
        this.stallThreshold = maxPending / 2;
        this.onSlowConsumer = onSlowConsumer;
    }

    /** Appends a MSG or HMSG and counts it as a message sent; false when the client is gone or too slow. */
    boolean appendMessage(String subject, byte[] sid, String reply, ByteBuf message, int headerLength,
                          boolean clientTakesHeaders) {
        int next;
        synchronized (this) {
            if (closed) {
                return false;
            }
            int before = writerIndex();
            writer.message(buffer, subject, sid, reply, message, headerLength, clientTakesHeaders);
            messages++;
            messageBytes += message.readableBytes();
            next = queued(buffer.writerIndex() - before);
        }
        return afterAppend(next);
    }

    /** Appends an RMSG or HMSG for a route and counts it as a message sent; false when the route is gone or too slow. */
    boolean appendRoutedMessage(String subject, String reply, List<String> queues, ByteBuf message, int headerLength,
                                boolean routeTakesHeaders) {
        int next;
        synchronized (this) {
            if (closed) {
                return false;
            }
            int before = writerIndex();
            writer.routedMessage(buffer, subject, reply, queues, message, headerLength, routeTakesHeaders);
            messages++;
            messageBytes += message.readableBytes();
            next = queued(buffer.writerIndex() - before);
        }
        return afterAppend(next);
    }

    /** Appends a protocol line (INFO, PONG, +OK, -ERR); false when the client is gone or too slow. */
    boolean append(Consumer<ByteBuf> writer) {
        int next;
        synchronized (this) {
            if (closed) {
                return false;
            }
            int before = writerIndex();
            writer.accept(buffer);
            next = queued(buffer.writerIndex() - before);
        }
        return afterAppend(next);
    }

    private int writerIndex() {
        if (buffer == null) {
            buffer = channel.alloc().directBuffer(INITIAL_CAPACITY);
        }
        return buffer.writerIndex();
    }

    /** Counts appended bytes and tells what to do next: past max_pending the buffer closes. */
    private int queued(int bytes) {
        pendingBytes += bytes;
        if (pendingBytes > maxPending) {
            closed = true;
            buffer.release();
            buffer = null;
            return SLOW_CONSUMER;
        }
        int overrun = pendingBytes > stallThreshold ? OVERRUN : NOTHING;
        if (flushScheduled) {
            return overrun;
        }
        flushScheduled = true;
        return SCHEDULE_FLUSH | overrun;
    }

    private boolean afterAppend(int next) {
        if (next == SLOW_CONSUMER) {
            runDrainListeners(takeDrainListeners());
            onSlowConsumer.run();
            return false;
        }
        if ((next & SCHEDULE_FLUSH) != 0) {
            channel.eventLoop().execute(flushTask);
        }
        if ((next & OVERRUN) != 0) {
            Congestion.overrun(this);
        }
        return true;
    }

    /**
     * Runs {@code listener} once this buffer is back under half of max_pending, or closed; at once
     * when it is already. It runs on whichever thread sees that happen.
     */
    void whenDrained(Runnable listener) {
        synchronized (this) {
            if (!closed && pendingBytes > stallThreshold) {
                if (drainListeners == null) {
                    drainListeners = new ArrayList<>(2);
                }
                drainListeners.add(listener);
                return;
            }
        }
        listener.run();
    }

    /** How long a producer that overran this buffer should pause: the fuller, the longer (as nats-server). */
    synchronized long stallMillis() {
        if (pendingBytes >= maxPending) {
            return MAX_STALL_MILLIS;
        }
        long over = Math.max(0, pendingBytes - stallThreshold);
        long step = Math.max(1, stallThreshold / 10);
        return Math.min(MAX_STALL_MILLIS, MIN_STALL_MILLIS + MIN_STALL_MILLIS * (over / step));
    }

    private synchronized List<Runnable> takeDrainListeners() {
        List<Runnable> listeners = drainListeners;
        drainListeners = null;
        return listeners;
    }

    private static void runDrainListeners(List<Runnable> listeners) {
        if (listeners != null) {
            listeners.forEach(Runnable::run);
        }
    }

    /** Writes what is queued now, on the caller's thread; the caller is the channel's event loop. */
    void flush() {
        ByteBuf out;
        synchronized (this) {
            flushScheduled = false;
            out = buffer;
            buffer = null;
        }
        if (out == null) {
            return;
        }
        int size = out.readableBytes();
        channel.writeAndFlush(out).addListener(future -> written(size));
    }

    private void written(int bytes) {
        List<Runnable> drained = null;
        synchronized (this) {
            pendingBytes -= bytes;
            if (drainListeners != null && pendingBytes <= stallThreshold) {
                drained = drainListeners;
                drainListeners = null;
            }
        }
        runDrainListeners(drained);
    }

    /**
     * Stops accepting bytes, and returns what was queued and not written yet for the caller to
     * write last, or null when nothing was; the caller is the channel's event loop.
     */
    ByteBuf stop() {
        synchronized (this) {
            closed = true;
            ByteBuf rest = buffer;
            buffer = null;
            return rest;
        }
    }

    /** Stops accepting bytes and drops what was not written. */
    void close() {
        synchronized (this) {
            closed = true;
            if (buffer != null) {
                buffer.release();
                buffer = null;
            }
        }
        runDrainListeners(takeDrainListeners());
    }

    /** Bytes appended and not yet written to the socket. */
    synchronized long pendingBytes() {
        return Math.max(0, pendingBytes);
    }

    synchronized long messages() {
        return messages;
    }

    synchronized long messageBytes() {
        return messageBytes;
    }
}
