package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * What is waiting to be written to one client. Any thread appends (publishers run on
 * other connections' event loops); the bytes are written and flushed on the client's own
 * event loop, one flush for everything that was appended meanwhile. The bytes queued here
 * and not yet written to the socket are counted: past the limit the client is a slow consumer.
 */
final class OutboundBuffer {
    private static final int INITIAL_CAPACITY = 512;

    private final Channel channel;
    private final long maxPending;
    private final Runnable onSlowConsumer;
    private final Runnable flushTask = this::flush;
    private final AtomicLong pendingBytes = new AtomicLong();

    private ByteBuf buffer;
    private boolean flushScheduled;
    private boolean closed;

    OutboundBuffer(Channel channel, long maxPending, Runnable onSlowConsumer) {
        this.channel = channel;
        this.maxPending = maxPending;
        this.onSlowConsumer = onSlowConsumer;
    }

    /**
     * Appends what {@code writer} writes and schedules a flush. Returns false, and appends
     * nothing, when the connection is closed or has just become a slow consumer.
     */
    boolean append(Consumer<ByteBuf> writer) {
        boolean schedule;
        boolean slow = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (buffer == null) {
                buffer = channel.alloc().directBuffer(INITIAL_CAPACITY);
            }
            int before = buffer.writerIndex();
            writer.accept(buffer);
            long pending = pendingBytes.addAndGet(buffer.writerIndex() - before);
            if (pending > maxPending) {
                slow = true;
                closed = true;
                buffer.release();
                buffer = null;
            }
            schedule = !slow && !flushScheduled;
            if (schedule) {
                flushScheduled = true;
            }
        }
        if (slow) {
            onSlowConsumer.run();
            return false;
        }
        if (schedule) {
            channel.eventLoop().execute(flushTask);
        }
        return true;
    }

    /** Bytes appended and not yet written to the socket. */
    long pendingBytes() {
        return Math.max(0, pendingBytes.get());
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
        channel.writeAndFlush(out).addListener(future -> pendingBytes.addAndGet(-size));
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
    }
}
