package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a client's byte stream into {@link ClientCommand}s: control lines (ops are
 * case-insensitive, arguments separated by spaces or tabs, lines end with CRLF or LF)
 * and the payloads of PUB and HPUB. Subjects are read as ISO-8859-1 so that any bytes
 * a client sends come back out unchanged.
 */
final class ClientProtocolDecoder extends ByteToMessageDecoder {
    static final String UNKNOWN_OPERATION = "Unknown Protocol Operation";
    static final String MAX_CONTROL_LINE = "maximum control line exceeded";
    static final String MAX_PAYLOAD = "Maximum Payload Violation";

    private static final String[] CLIENT_OPS = {"CONNECT", "PUB", "HPUB", "SUB", "UNSUB", "PING", "PONG", "INFO", "+OK", "-ERR"};

    private final int maxControlLine;
    private final int maxPayload;

    /** HPUB is a protocol violation until the client's CONNECT asked for headers. */
    private boolean headersAllowed;
    /** The PUB or HPUB whose payload is awaited, or null. */
    private PendingPublish pending;
    private boolean failed;

    ClientProtocolDecoder(int maxControlLine, int maxPayload) {
        this.maxControlLine = maxControlLine;
        this.maxPayload = maxPayload;
    }

    void allowHeaders(boolean allowed) {
        headersAllowed = allowed;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (pending != null) {
            decodePayload(in, out);
            return;
        }
        int start = in.readerIndex();
        int opEnd = scanOp(in, start);
        if (opEnd < 0) {
            fail(out, UNKNOWN_OPERATION, "unknown operation: " + snippet(in, start));
            in.skipBytes(in.readableBytes());
            return;
        }
        int lineEnd = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lineEnd < 0) {
            if (opEnd < in.writerIndex() && in.writerIndex() - opEnd > maxControlLine + 1) {
                fail(out, MAX_CONTROL_LINE, "control line of more than " + maxControlLine + " bytes");
                in.skipBytes(in.readableBytes());
            }
            return;
        }
        int contentEnd = lineEnd > start && in.getByte(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
        String op = in.toString(start, opEnd - start, StandardCharsets.ISO_8859_1).toUpperCase();
        int argsStart = Math.min(opEnd, contentEnd);
        if (!isKnownOp(op)) {
            fail(out, UNKNOWN_OPERATION, "unknown operation: " + snippet(in, start));
            in.skipBytes(in.readableBytes());
            return;
        }
        if (contentEnd - argsStart > maxControlLine) {
            fail(out, MAX_CONTROL_LINE, "control line of " + (contentEnd - argsStart) + " bytes, over " + maxControlLine);
            in.skipBytes(in.readableBytes());
            return;
        }
        String args = in.toString(argsStart, contentEnd - argsStart, StandardCharsets.ISO_8859_1);
        in.readerIndex(lineEnd + 1);
        ClientCommand command = command(op, args);
        if (command instanceof ClientCommand.Violation) {
            failed = true;
            in.skipBytes(in.readableBytes());
        }
        if (command != null) {
            out.add(command);
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        pending = null;
    }

    private ClientCommand command(String op, String argLine) {
        List<String> args = split(argLine);
        switch (op) {
            case "PUB":
                return publish(args, false, argLine);
            case "HPUB":
                return publish(args, true, argLine);
            case "SUB":
                if (args.size() == 2) {
                    return new ClientCommand.Subscribe(args.get(0), null, args.get(1));
                }
                if (args.size() == 3) {
                    return new ClientCommand.Subscribe(args.get(0), args.get(1), args.get(2));
                }
                return silentViolation("processSub Parse Error: '" + argLine + "'");
            case "UNSUB":
                if (args.size() == 1) {
                    return new ClientCommand.Unsubscribe(args.get(0), 0);
                }
                if (args.size() == 2) {
                    long max = parseSize(args.get(1));
                    return new ClientCommand.Unsubscribe(args.get(0), Math.max(max, 0));
                }
                return violation(UNKNOWN_OPERATION, "processUnsub Parse Error: '" + argLine + "'");
            case "CONNECT":
                return new ClientCommand.Connect(argLine.strip());
            case "PING":
                return new ClientCommand.Ping();
            case "PONG":
                return new ClientCommand.Pong();
            default:
                return new ClientCommand.Ignored(op);
        }
    }

    private ClientCommand publish(List<String> args, boolean withHeaders, String argLine) {
        int sizes = withHeaders ? 2 : 1;
        if (args.size() != 1 + sizes && args.size() != 2 + sizes) {
            return silentViolation("processPub Parse Error: '" + argLine + "'");
        }
        String subject = args.get(0);
        String reply = args.size() == 2 + sizes ? args.get(1) : null;
        long total = parseSize(args.get(args.size() - 1));
        long headers = withHeaders ? parseSize(args.get(args.size() - 2)) : 0;
        if (total < 0 || headers < 0 || headers > total) {
            return silentViolation("processPub Bad or Missing Size: '" + argLine + "'");
        }
        if (withHeaders && !headersAllowed) {
            return silentViolation("HPUB from a client that did not ask for headers");
        }
        if (total > maxPayload) {
            return violation(MAX_PAYLOAD, "payload of " + total + " bytes, over " + maxPayload);
        }
        pending = new PendingPublish(subject, reply, (int) headers, (int) total);
        return null;
    }

    private void decodePayload(ByteBuf in, List<Object> out) {
        PendingPublish publish = pending;
        if (in.readableBytes() < publish.size + 2) {
            return;
        }
        int end = in.readerIndex() + publish.size;
        if (in.getByte(end) != '\r' || in.getByte(end + 1) != '\n') {
            pending = null;
            fail(out, UNKNOWN_OPERATION, "payload does not end where its size says");
            in.skipBytes(in.readableBytes());
            return;
        }
        ByteBuf message = in.readRetainedSlice(publish.size);
        in.skipBytes(2);
        pending = null;
        out.add(new ClientCommand.Publish(publish.subject, publish.reply, publish.headerLength, message));
    }

    /** The end of the op token, or -1 when the bytes seen so far cannot start any op. */
    private static int scanOp(ByteBuf in, int start) {
        int end = start;
        int limit = in.writerIndex();
        while (end < limit) {
            byte b = in.getByte(end);
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                break;
            }
            end++;
        }
        int length = end - start;
        for (String op : CLIENT_OPS) {
            if (length <= op.length() && regionEqualsIgnoreCase(in, start, op, length)) {
                return end;
            }
        }
        return -1;
    }

    private static boolean regionEqualsIgnoreCase(ByteBuf in, int start, String op, int length) {
        for (int i = 0; i < length; i++) {
            if (Character.toUpperCase((char) in.getByte(start + i)) != op.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKnownOp(String op) {
        for (String known : CLIENT_OPS) {
            if (known.equals(op)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> split(String line) {
        List<String> args = new ArrayList<>(4);
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && isBlank(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isBlank(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                args.add(line.substring(start, i));
            }
        }
        return args;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** A decimal size as nats-server reads it: -1 for anything but digits, or an overflow. */
    static long parseSize(String digits) {
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static ClientCommand violation(String error, String detail) {
        return new ClientCommand.Violation(error, detail);
    }

    /** nats-server closes on these without a word to the client. */
    private static ClientCommand silentViolation(String detail) {
        return new ClientCommand.Violation(null, detail);
    }

    private void fail(List<Object> out, String error, String detail) {
        failed = true;
        out.add(new ClientCommand.Violation(error, detail));
    }

    private static String snippet(ByteBuf in, int start) {
        int length = Math.min(32, in.writerIndex() - start);
        return '"' + in.toString(start, length, StandardCharsets.ISO_8859_1)
                .replace("\r", "\\r").replace("\n", "\\n") + '"';
    }

    private record PendingPublish(String subject, String reply, int headerLength, int size) {
    }
}
