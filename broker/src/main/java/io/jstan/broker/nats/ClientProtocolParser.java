package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;

/**
 * Parses a client's byte stream and calls a {@link Handler} for each operation, on the
 * caller's thread and without copying payloads: control lines (ops are case-insensitive,
 * arguments separated by spaces or tabs, lines end with CRLF or LF) and the payloads of
 * PUB and HPUB. A PUB is handed over only once its whole payload has arrived. Subjects are
 * read as ISO-8859-1 so that any bytes a client sends come back out unchanged.
 */
final class ClientProtocolParser {
    static final String UNKNOWN_OPERATION = "Unknown Protocol Operation";
    static final String MAX_CONTROL_LINE = "maximum control line exceeded";
    static final String MAX_PAYLOAD = "Maximum Payload Violation";

    private static final int MAX_ARGS = 6;
    private static final String[] CLIENT_OPS = {"PUB", "HPUB", "SUB", "UNSUB", "PING", "PONG", "CONNECT", "INFO", "+OK", "-ERR"};
    private static final int PUB = 0;
    private static final int HPUB = 1;
    private static final int SUB = 2;
    private static final int UNSUB = 3;
    private static final int PING = 4;
    private static final int PONG = 5;
    private static final int CONNECT = 6;
    private static final int INFO = 7;
    private static final int OK = 8;
    private static final int ERR = 9;
    private static final int MAX_OP_LENGTH = 7;
    /** Bytes moved at first to finish a split operation: enough for any control line. */
    private static final int PENDING_CHUNK = 4096 + 64;

    /** What the parser found; each call happens before the parser looks at the next byte. */
    interface Handler {
        void onConnect(String json);

        /** {@code message} (headers, then payload) is valid only during the call. */
        void onPublish(String subject, String reply, int headerLength, ByteBuf message);

        void onSubscribe(String subject, String queue, String sid);

        /** max is 0 when the subscription ends now. */
        void onUnsubscribe(String sid, long max);

        void onPing();

        void onPong();

        /** The client broke the protocol: answer {@code -ERR 'error'} unless error is null, and close. */
        void onViolation(String error, String detail);
    }

    private final Handler handler;
    private final ByteBufAllocator allocator;
    private final int maxControlLine;
    private final int maxPayload;
    private final int[] argStart = new int[MAX_ARGS];
    private final int[] argEnd = new int[MAX_ARGS];
    /** The control line being parsed, copied out of the buffer. */
    private byte[] line = new byte[256];

    /** Bytes of an unfinished operation, kept until the rest arrives. */
    private ByteBuf pending;
    /** HPUB is a protocol violation until the client's CONNECT asked for headers. */
    private boolean headersAllowed;
    private boolean stopped;
    /** Clients publish to few subjects: reusing the last one's String saves its allocation and hashing. */
    private String lastSubject = "";

    ClientProtocolParser(Handler handler, ByteBufAllocator allocator, int maxControlLine, int maxPayload) {
        this.handler = handler;
        this.allocator = allocator;
        this.maxControlLine = maxControlLine;
        this.maxPayload = maxPayload;
    }

    void allowHeaders(boolean allowed) {
        headersAllowed = allowed;
    }

    /** Ignore everything from now on (the connection is closing). */
    void stop() {
        stopped = true;
    }

    /** Frees the bytes kept for an unfinished operation; called once the connection is closed. */
    void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    /** Parses what was received; takes ownership of {@code received}. */
    void parse(ByteBuf received) {
        try {
            if (stopped || (pending != null && !completePending(received))) {
                return;
            }
            while (received.isReadable() && !stopped && parseOne(received)) {
                // each pass handles one operation
            }
            if (!stopped && received.isReadable()) {
                pending = allocator.buffer(Math.max(received.readableBytes() * 2, 256));
                pending.writeBytes(received);
            }
        } finally {
            received.release();
        }
    }

    /**
     * Finishes the operation that an earlier read left unfinished, moving only the bytes it needs
     * from {@code received} (copying everything that follows a split would copy the whole stream).
     * Returns false when {@code received} did not hold the rest of it, or the parser stopped.
     */
    private boolean completePending(ByteBuf received) {
        int chunk = PENDING_CHUNK;
        while (received.isReadable()) {
            pending.writeBytes(received, Math.min(chunk, received.readableBytes()));
            boolean handled = parseOne(pending);
            if (stopped) {
                release();
                return false;
            }
            if (handled) {
                // What follows the operation in pending came from received, in its last chunk: give it back.
                received.readerIndex(received.readerIndex() - pending.readableBytes());
                release();
                return true;
            }
            chunk *= 2;
        }
        return false;
    }

    /** Handles one operation; false when more bytes are needed. */
    private boolean parseOne(ByteBuf in) {
        int start = in.readerIndex();
        int limit = in.writerIndex();
        int searchLimit = (int) Math.min(limit, (long) start + MAX_OP_LENGTH + 1 + maxControlLine + 2);
        int lineEnd = in.indexOf(start, searchLimit, (byte) '\n');
        int length = lineEnd >= 0 ? lineEnd - start : Math.min(limit - start, MAX_OP_LENGTH + 1);
        // Parsing from a plain array is several times cheaper than byte-by-byte ByteBuf access.
        if (line.length < length) {
            line = new byte[Math.max(length, line.length * 2)];
        }
        in.getBytes(start, line, 0, length);
        int opEnd = opEnd(length);
        if (!isOpPrefix(opEnd)) {
            violation(UNKNOWN_OPERATION, "unknown operation: " + snippet(length));
            return false;
        }
        if (lineEnd < 0) {
            if (searchLimit < limit) {
                violation(MAX_CONTROL_LINE, "control line of more than " + maxControlLine + " bytes");
            }
            return false;
        }
        int contentEnd = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        if (contentEnd - opEnd > maxControlLine) {
            violation(MAX_CONTROL_LINE, "control line of " + (contentEnd - opEnd) + " bytes, over " + maxControlLine);
            return false;
        }
        int args = splitArgs(Math.min(opEnd, contentEnd), contentEnd);
        int op = opCode(opEnd);
        if (op == PUB || op == HPUB) {
            return publish(in, args, op == HPUB, lineEnd, contentEnd);
        }
        in.readerIndex(lineEnd + 1);
        switch (op) {
            case SUB -> subscribe(args, opEnd, contentEnd);
            case UNSUB -> unsubscribe(args);
            case PING -> handler.onPing();
            case PONG -> handler.onPong();
            case CONNECT -> handler.onConnect(new String(line, opEnd, contentEnd - opEnd, StandardCharsets.UTF_8).strip());
            case INFO, OK, ERR -> {
                // accepted from a client, and meaning nothing
            }
            default -> {
                violation(UNKNOWN_OPERATION, "unknown operation: " + snippet(length));
                return false;
            }
        }
        return true;
    }

    private boolean publish(ByteBuf in, int args, boolean withHeaders, int lineEnd, int contentEnd) {
        int sizes = withHeaders ? 2 : 1;
        if (args != 1 + sizes && args != 2 + sizes) {
            silentViolation("processPub Parse Error: '" + text(argStart[0], contentEnd) + "'");
            return false;
        }
        long total = size(args - 1);
        long headers = withHeaders ? size(args - 2) : 0;
        if (total < 0 || headers < 0 || headers > total) {
            silentViolation("processPub Bad or Missing Size: '" + text(argStart[0], contentEnd) + "'");
            return false;
        }
        if (total > maxPayload) {
            violation(MAX_PAYLOAD, "payload of " + total + " bytes, over " + maxPayload);
            return false;
        }
        if (withHeaders && !headersAllowed) {
            silentViolation("HPUB from a client that did not ask for headers");
            return false;
        }
        int payloadStart = lineEnd + 1;
        int payloadEnd = payloadStart + (int) total;
        if (in.writerIndex() < payloadEnd + 2) {
            return false;
        }
        if (in.getByte(payloadEnd) != '\r' || in.getByte(payloadEnd + 1) != '\n') {
            violation(UNKNOWN_OPERATION, "payload does not end where its size says");
            return false;
        }
        String subject = subject(argStart[0], argEnd[0]);
        String reply = args == 2 + sizes ? text(argStart[1], argEnd[1]) : null;
        in.readerIndex(payloadEnd + 2);
        handler.onPublish(subject, reply, (int) headers, in.slice(payloadStart, (int) total));
        return true;
    }

    private void subscribe(int args, int opEnd, int contentEnd) {
        if (args == 2) {
            handler.onSubscribe(text(argStart[0], argEnd[0]), null, text(argStart[1], argEnd[1]));
        } else if (args == 3) {
            handler.onSubscribe(text(argStart[0], argEnd[0]), text(argStart[1], argEnd[1]), text(argStart[2], argEnd[2]));
        } else {
            silentViolation("processSub Parse Error: '" + text(opEnd, contentEnd).strip() + "'");
        }
    }

    private void unsubscribe(int args) {
        if (args == 1) {
            handler.onUnsubscribe(text(argStart[0], argEnd[0]), 0);
        } else if (args == 2) {
            handler.onUnsubscribe(text(argStart[0], argEnd[0]), Math.max(size(1), 0));
        } else {
            violation(UNKNOWN_OPERATION, "processUnsub Parse Error");
        }
    }

    /** Records where the arguments are in the line; returns how many, or MAX_ARGS + 1 when there are too many. */
    private int splitArgs(int from, int to) {
        byte[] bytes = line;
        int count = 0;
        int i = from;
        while (i < to) {
            while (i < to && isBlank(bytes[i])) {
                i++;
            }
            if (i == to) {
                break;
            }
            if (count == MAX_ARGS) {
                return MAX_ARGS + 1;
            }
            argStart[count] = i;
            while (i < to && !isBlank(bytes[i])) {
                i++;
            }
            argEnd[count++] = i;
        }
        return count;
    }

    /** A decimal size as nats-server reads it: -1 for anything but digits, or an overflow. */
    private long size(int arg) {
        int from = argStart[arg];
        int to = argEnd[arg];
        if (to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private String subject(int from, int to) {
        String last = lastSubject;
        int length = to - from;
        if (last.length() == length) {
            int i = 0;
            while (i < length && (line[from + i] & 0xff) == last.charAt(i)) {
                i++;
            }
            if (i == length) {
                return last;
            }
        }
        lastSubject = text(from, to);
        return lastSubject;
    }

    private String text(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private int opEnd(int length) {
        int end = 0;
        while (end < length) {
            byte b = line[end];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                break;
            }
            end++;
        }
        return end;
    }

    /** The index of the op in CLIENT_OPS, or -1. */
    private int opCode(int end) {
        for (int i = 0; i < CLIENT_OPS.length; i++) {
            if (CLIENT_OPS[i].length() == end && startsWithIgnoreCase(CLIENT_OPS[i], end)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the bytes seen so far can still begin some op, so that garbage is refused at once. */
    private boolean isOpPrefix(int end) {
        for (String op : CLIENT_OPS) {
            if (end <= op.length() && startsWithIgnoreCase(op, end)) {
                return true;
            }
        }
        return false;
    }

    private boolean startsWithIgnoreCase(String op, int length) {
        for (int i = 0; i < length; i++) {
            int b = line[i];
            if (b >= 'a' && b <= 'z') {
                b -= 'a' - 'A';
            }
            if (b != op.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }

    private void violation(String error, String detail) {
        stopped = true;
        handler.onViolation(error, detail);
    }

    /** nats-server closes on these without a word to the client. */
    private void silentViolation(String detail) {
        violation(null, detail);
    }

    private String snippet(int length) {
        return '"' + text(0, Math.min(32, length)).replace("\r", "\\r").replace("\n", "\\n") + '"';
    }
}
