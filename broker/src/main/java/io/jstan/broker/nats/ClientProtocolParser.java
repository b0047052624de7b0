package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Parses a client's byte stream and calls a {@link Handler} for each operation: PUB and HPUB
 * (handed over once the whole payload has arrived), SUB, UNSUB, PING, PONG and CONNECT.
 */
final class ClientProtocolParser extends ProtocolParser {
    private static final String[] CLIENT_OPS = {"PUB", "HPUB", "SUB", "UNSUB", "PING", "PONG", "CONNECT", "INFO", "+OK", "-ERR"};
    private static final int PUB = 0;
    private static final int HPUB = 1;
    private static final int SUB = 2;
    private static final int UNSUB = 3;
    private static final int PING = 4;
    private static final int PONG = 5;
    private static final int CONNECT = 6;

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
    /** HPUB is a protocol violation until the client's CONNECT asked for headers. */
    private boolean headersAllowed;

    ClientProtocolParser(Handler handler, ByteBufAllocator allocator, int maxControlLine, int maxPayload) {
        super(CLIENT_OPS, allocator, maxControlLine, maxPayload);
        this.handler = handler;
    }

    void allowHeaders(boolean allowed) {
        headersAllowed = allowed;
    }

    @Override
    void onViolation(String error, String detail) {
        handler.onViolation(error, detail);
    }

    @Override
    boolean handle(ByteBuf in, int op, int args, int lineEnd) {
        if (op == PUB || op == HPUB) {
            return publish(in, args, op == HPUB, lineEnd);
        }
        skipLine(in, lineEnd);
        switch (op) {
            case SUB -> subscribe(args);
            case UNSUB -> unsubscribe(args);
            case PING -> handler.onPing();
            case PONG -> handler.onPong();
            case CONNECT -> handler.onConnect(json());
            default -> {
                // INFO, +OK and -ERR are accepted from a client, and mean nothing
            }
        }
        return true;
    }

    private boolean publish(ByteBuf in, int args, boolean withHeaders, int lineEnd) {
        int sizes = withHeaders ? 2 : 1;
        if (args != 1 + sizes && args != 2 + sizes) {
            silentViolation("processPub Parse Error: '" + argumentsFrom(0) + "'");
            return false;
        }
        long total = size(args - 1);
        long headers = withHeaders ? size(args - 2) : 0;
        if (total < 0 || headers < 0 || headers > total) {
            silentViolation("processPub Bad or Missing Size: '" + argumentsFrom(0) + "'");
            return false;
        }
        if (exceedsMaxPayload(total)) {
            return false;
        }
        if (withHeaders && !headersAllowed) {
            silentViolation("HPUB from a client that did not ask for headers");
            return false;
        }
        ByteBuf message = payload(in, lineEnd, total);
        if (message == null) {
            return false;
        }
        String reply = args == 2 + sizes ? arg(1) : null;
        handler.onPublish(subject(0), reply, (int) headers, message);
        return true;
    }

    private void subscribe(int args) {
        if (args == 2) {
            handler.onSubscribe(arg(0), null, arg(1));
        } else if (args == 3) {
            handler.onSubscribe(arg(0), arg(1), arg(2));
        } else {
            silentViolation("processSub Parse Error: '" + arguments() + "'");
        }
    }

    private void unsubscribe(int args) {
        if (args == 1) {
            handler.onUnsubscribe(arg(0), 0);
        } else if (args == 2) {
            handler.onUnsubscribe(arg(0), Math.max(size(1), 0));
        } else {
            violation(UNKNOWN_OPERATION, "processUnsub Parse Error");
        }
    }
}
