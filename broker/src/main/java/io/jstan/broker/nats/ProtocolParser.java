package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The framing shared by the client and the route protocols: control lines (ops are
 * case-insensitive, arguments separated by spaces or tabs, lines end with CRLF or LF) and
 * payloads of announced size, parsed on the caller's thread without copying payloads. An
 * operation is handed to the subclass only once all of it has arrived; a split one is kept
 * until the rest comes. Text is read as ISO-8859-1 so that any bytes sent come back out unchanged.
 */
abstract class ProtocolParser {
    static final String UNKNOWN_OPERATION = "Unknown Protocol Operation";
    static final String MAX_CONTROL_LINE = "maximum control line exceeded";
    static final String MAX_PAYLOAD = "Maximum Payload Violation";

    /** Bytes moved at first to finish a split operation: enough for any control line. */
    private static final int PENDING_CHUNK = 4096 + 64;

    private final String[] ops;
    private final int maxOpLength;
    private final ByteBufAllocator allocator;
    private final int maxControlLine;
    private final int maxPayload;
    private int[] argStart = new int[8];
    private int[] argEnd = new int[8];
    /** The control line being parsed, copied out of the buffer. */
    private byte[] line = new byte[256];
    /** Where the op ends and the line's content ends (before CR LF) in {@link #line}. */
    private int opEnd;
    private int contentEnd;

    /** Bytes of an unfinished operation, kept until the rest arrives. */
    private ByteBuf pending;
    private boolean stopped;
    /** Peers send to few subjects in a row: reusing the last one's String saves its allocation and hashing. */
    private String lastSubject = "";

    /** {@code ops} are upper case; {@link #handle} gets an op as its index in this array. */
    ProtocolParser(String[] ops, ByteBufAllocator allocator, int maxControlLine, int maxPayload) {
        this.ops = ops;
        this.maxOpLength = Arrays.stream(ops).mapToInt(String::length).max().orElse(0);
        this.allocator = allocator;
        this.maxControlLine = maxControlLine;
        this.maxPayload = maxPayload;
    }

    /**
     * Handles one complete control line: the op's index in the ops array and the number of
     * arguments. The input's reader index is at the start of the line; the subclass moves it past
     * what it consumed, with {@link #skipLine} or {@link #payload}. Returns false when more bytes
     * are needed (or the parser stopped).
     */
    abstract boolean handle(ByteBuf in, int op, int args, int lineEnd);

    /** The peer broke the protocol: answer {@code -ERR 'error'} unless error is null, and close. */
    abstract void onViolation(String error, String detail);

    /** Whether an operation may start with this byte now; a subclass that says no has stopped the parser. */
    boolean mayStartWith(byte first) {
        return true;
    }

    /** Ignore everything from now on (the connection is closing). */
    final void stop() {
        stopped = true;
    }

    /** Frees the bytes kept for an unfinished operation; called once the connection is closed. */
    final void release() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    /** Parses what was received; takes ownership of {@code received}. */
    final void parse(ByteBuf received) {
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
        int searchLimit = (int) Math.min(limit, (long) start + maxOpLength + 1 + maxControlLine + 2);
        int lineEnd = in.indexOf(start, searchLimit, (byte) '\n');
        int length = lineEnd >= 0 ? lineEnd - start : Math.min(limit - start, maxOpLength + 1);
        // Parsing from a plain array is several times cheaper than byte-by-byte ByteBuf access.
        if (line.length < length) {
            line = new byte[Math.max(length, line.length * 2)];
        }
        in.getBytes(start, line, 0, length);
        if (length > 0 && !mayStartWith(line[0])) {
            return false;
        }
        opEnd = opEnd(length);
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
        contentEnd = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
        if (contentEnd - opEnd > maxControlLine) {
            violation(MAX_CONTROL_LINE, "control line of " + (contentEnd - opEnd) + " bytes, over " + maxControlLine);
            return false;
        }
        int args = splitArgs(Math.min(opEnd, contentEnd), contentEnd);
        int op = opCode(opEnd);
        if (op < 0) {
            violation(UNKNOWN_OPERATION, "unknown operation: " + snippet(length));
            return false;
        }
        return handle(in, op, args, lineEnd);
    }

    /** Moves past a control line without payload. */
    final void skipLine(ByteBuf in, int lineEnd) {
        in.readerIndex(lineEnd + 1);
    }

    /** Stops the parser with nats-server's error when a payload would be larger than max_payload. */
    final boolean exceedsMaxPayload(long size) {
        if (size > maxPayload) {
            violation(MAX_PAYLOAD, "payload of " + size + " bytes, over " + maxPayload);
            return true;
        }
        return false;
    }

    /**
     * The payload of {@code size} bytes after the control line, once all of it has arrived:
     * null while more bytes are needed, or when the payload does not end where the size says
     * (then the parser has stopped). The reader index moves past it.
     */
    final ByteBuf payload(ByteBuf in, int lineEnd, long size) {
        int payloadStart = lineEnd + 1;
        int payloadEnd = payloadStart + (int) size;
        if (in.writerIndex() < payloadEnd + 2) {
            return null;
        }
        if (in.getByte(payloadEnd) != '\r' || in.getByte(payloadEnd + 1) != '\n') {
            violation(UNKNOWN_OPERATION, "payload does not end where its size says");
            return null;
        }
        in.readerIndex(payloadEnd + 2);
        return in.slice(payloadStart, (int) size);
    }

    /** Records where the arguments are in the line; returns how many. */
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
            if (count == argStart.length) {
                argStart = Arrays.copyOf(argStart, count * 2);
                argEnd = Arrays.copyOf(argEnd, count * 2);
            }
            argStart[count] = i;
            while (i < to && !isBlank(bytes[i])) {
                i++;
            }
            argEnd[count++] = i;
        }
        return count;
    }

    /** Argument {@code arg} as a decimal size as nats-server reads it: -1 for anything but digits, or an overflow. */
    final long size(int arg) {
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

    /** Argument {@code arg} as a subject, reusing the String of the last subject when it is the same. */
    final String subject(int arg) {
        int from = argStart[arg];
        int length = argEnd[arg] - from;
        String last = lastSubject;
        if (last.length() == length) {
            int i = 0;
            while (i < length && (line[from + i] & 0xff) == last.charAt(i)) {
                i++;
            }
            if (i == length) {
                return last;
            }
        }
        lastSubject = arg(arg);
        return lastSubject;
    }

    final String arg(int arg) {
        return text(argStart[arg], argEnd[arg]);
    }

    /** Whether argument {@code arg} is exactly {@code text} (ASCII). */
    final boolean argEquals(int arg, String text) {
        int from = argStart[arg];
        if (argEnd[arg] - from != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (line[from + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether argument {@code arg} is the single character {@code c}. */
    final boolean argIs(int arg, char c) {
        return argEnd[arg] - argStart[arg] == 1 && line[argStart[arg]] == c;
    }

    /** The line's text after the op, trimmed: what error messages quote. */
    final String arguments() {
        return text(Math.min(opEnd, contentEnd), contentEnd).strip();
    }

    /** The line's text from argument {@code arg} on, as nats-server quotes it in errors. */
    final String argumentsFrom(int arg) {
        return text(argStart[arg], contentEnd);
    }

    /** The text after the op as UTF-8 (CONNECT and INFO carry JSON). */
    final String json() {
        return new String(line, opEnd, contentEnd - opEnd, StandardCharsets.UTF_8).strip();
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

    /** The index of the op in ops, or -1. */
    private int opCode(int end) {
        for (int i = 0; i < ops.length; i++) {
            if (ops[i].length() == end && startsWithIgnoreCase(ops[i], end)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the bytes seen so far can still begin some op, so that garbage is refused at once. */
    private boolean isOpPrefix(int end) {
        for (String op : ops) {
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

    final void violation(String error, String detail) {
        stopped = true;
        onViolation(error, detail);
    }

    /** nats-server closes on these without a word to the peer. */
    final void silentViolation(String detail) {
        violation(null, detail);
    }

    private String snippet(int length) {
        return '"' + text(0, Math.min(32, length)).replace("\r", "\\r").replace("\n", "\\n") + '"';
    }
}
