package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Parses the byte stream of a route (another server of the cluster) as nats-server 2.9 writes
 * it: interest (RS+, RS-, and the leaf-origin LS+, LS-), messages (RMSG, HMSG, with the queue
 * groups the sender picked this server for), and CONNECT, INFO, PING, PONG, -ERR.
 */
final class RouteProtocolParser extends ProtocolParser {
    private static final String[] ROUTE_OPS = {"RMSG", "HMSG", "RS+", "RS-", "LS+", "LS-", "PING", "PONG", "CONNECT", "INFO", "+OK", "-ERR"};
    private static final int RMSG = 0;
    private static final int HMSG = 1;
    private static final int RS_PLUS = 2;
    private static final int RS_MINUS = 3;
    private static final int LS_PLUS = 4;
    private static final int LS_MINUS = 5;
    private static final int PING = 6;
    private static final int PONG = 7;
    private static final int CONNECT = 8;
    private static final int INFO = 9;
    private static final int ERR = 11;
    private static final String[] NO_QUEUES = new String[0];
    /** The only account jstan has, nats-server's global account. */
    static final String GLOBAL_ACCOUNT = "$G";

    /** What the parser found; each call happens before the parser looks at the next byte. */
    interface Handler {
        void onConnect(String json);

        void onInfo(String json);

        /** Interest of the remote server; weight is the number of its members of the queue group (0 without queue). */
        void onRemoteSubscribe(String account, String subject, String queue, int weight);

        void onRemoteUnsubscribe(String account, String subject, String queue);

        /**
         * A message for this server's subscribers: all plain ones, and one member of each queue
         * group in {@code queues}. {@code message} (headers, then payload) is valid only during the call.
         */
        void onRoutedMessage(String account, String subject, String reply, String[] queues, int headerLength,
                             ByteBuf message);

        void onPing();

        void onPong();

        void onError(String error);

        /** The remote broke the protocol: answer {@code -ERR 'error'} unless error is null, and close. */
        void onViolation(String error, String detail);
    }

    private final Handler handler;
    /** Set while a listener that requires credentials waits for the peer's CONNECT. */
    private boolean connectFirst;

    RouteProtocolParser(Handler handler, ByteBufAllocator allocator, int maxControlLine, int maxPayload) {
        super(ROUTE_OPS, allocator, maxControlLine, maxPayload);
        this.handler = handler;
    }

    @Override
    void onViolation(String error, String detail) {
        handler.onViolation(error, detail);
    }

    /** Until told otherwise, anything but CONNECT is an authorization violation (as nats-server, whatever it is). */
    void requireConnectFirst(boolean required) {
        connectFirst = required;
    }

    @Override
    boolean mayStartWith(byte first) {
        if (connectFirst && first != 'C' && first != 'c') {
            violation(NatsConnection.AUTHORIZATION_VIOLATION, "an operation before CONNECT");
            return false;
        }
        return true;
    }

    @Override
    boolean handle(ByteBuf in, int op, int args, int lineEnd) {
        if (op == RMSG || op == HMSG) {
            return message(in, args, op == HMSG, lineEnd);
        }
        if (args == 0 && op >= RS_PLUS && op <= LS_MINUS) {
            violation(UNKNOWN_OPERATION, "no arguments to " + ROUTE_OPS[op]);
            return false;
        }
        skipLine(in, lineEnd);
        switch (op) {
            case RS_PLUS -> subscribe(args, 0);
            case LS_PLUS -> subscribe(args, 1);
            case RS_MINUS, LS_MINUS -> unsubscribe(args);
            case PING -> handler.onPing();
            case PONG -> handler.onPong();
            case CONNECT -> handler.onConnect(json());
            case INFO -> handler.onInfo(json());
            case ERR -> handler.onError(arguments());
            default -> {
                // +OK means nothing on a route
            }
        }
        return true;
    }

    /** RS+ account subject [queue [weight]], after {@code skip} leading arguments (LS+ starts with the origin cluster). */
    private void subscribe(int args, int skip) {
        int n = args - skip;
        if (n < 2 || n > 4) {
            silentViolation("processRemoteSub Parse Error: '" + arguments() + "'");
            return;
        }
        String queue = n >= 3 ? arg(skip + 2) : null;
        long weight = n == 4 ? size(skip + 3) : (queue != null ? 1 : 0);
        if (weight < 0 || weight > Integer.MAX_VALUE) {
            silentViolation("processRemoteSub Bad weight: '" + arguments() + "'");
            return;
        }
        handler.onRemoteSubscribe(arg(skip), arg(skip + 1), queue, (int) weight);
    }

    /** RS- account subject [queue] */
    private void unsubscribe(int args) {
        if (args < 2 || args > 3) {
            silentViolation("processRemoteUnsub parse error: '" + arguments() + "'");
            return;
        }
        handler.onRemoteUnsubscribe(arg(0), arg(1), args == 3 ? arg(2) : null);
    }

    /**
     * RMSG account subject [reply] size, or with queue groups:
     * RMSG account subject + reply queue... size, RMSG account subject | queue... size.
     * HMSG has a header size before the total size.
     */
    private boolean message(ByteBuf in, int args, boolean withHeaders, int lineEnd) {
        String what = withHeaders ? "processRoutedHeaderMsgArgs" : "processRoutedMsgArgs";
        int sizes = withHeaders ? 2 : 1;
        if (args < 2 + sizes) {
            silentViolation(what + " Parse Error: '" + arguments() + "'");
            return false;
        }
        String reply = null;
        String[] queues = NO_QUEUES;
        int fixed = 2 + sizes;
        if (args == fixed + 1) {
            reply = arg(2);
        } else if (args > fixed + 1) {
            int queuesFrom;
            if (argIs(2, '+')) {
                reply = arg(3);
                queuesFrom = 4;
            } else if (argIs(2, '|')) {
                queuesFrom = 3;
            } else {
                silentViolation(what + " Bad or Missing Reply Indicator: '" + arg(2) + "'");
                return false;
            }
            queues = new String[args - sizes - queuesFrom];
            for (int i = 0; i < queues.length; i++) {
                queues[i] = arg(queuesFrom + i);
            }
        }
        long total = size(args - 1);
        long headers = withHeaders ? size(args - 2) : 0;
        if (total < 0 || headers < 0 || headers > total) {
            silentViolation(what + " Bad or Missing Size: '" + arguments() + "'");
            return false;
        }
        if (exceedsMaxPayload(total)) {
            return false;
        }
        String account = argEquals(0, GLOBAL_ACCOUNT) ? GLOBAL_ACCOUNT : arg(0);
        String subject = subject(1);
        ByteBuf message = payload(in, lineEnd, total);
        if (message == null) {
            return false;
        }
        handler.onRoutedMessage(account, subject, reply, queues, (int) headers, message);
        return true;
    }
}
