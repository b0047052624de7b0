package io.jstan.broker.nats;

/** Why a connection closed, in nats-server's words: the reason /connz shows for a closed client connection. */
final class CloseReason {
    static final String CLIENT_CLOSED = "Client Closed";
    static final String AUTHENTICATION_TIMEOUT = "Authentication Timeout";
    static final String AUTHENTICATION_FAILURE = "Authentication Failure";
    static final String TLS_HANDSHAKE_FAILURE = "TLS Handshake Failure";
    static final String SLOW_CONSUMER_PENDING_BYTES = "Slow Consumer (Pending Bytes)";
    static final String SLOW_CONSUMER_WRITE_DEADLINE = "Slow Consumer (Write Deadline)";
    static final String READ_ERROR = "Read Error";
    static final String STALE_CONNECTION = "Stale Connection";
    static final String PROTOCOL_VIOLATION = "Protocol Violation";
    static final String BAD_CLIENT_PROTOCOL_VERSION = "Bad Client Protocol Version";
    static final String MAX_CONNECTIONS_EXCEEDED = "Maximum Connections Exceeded";
    static final String MAX_PAYLOAD_EXCEEDED = "Maximum Message Payload Exceeded";
    static final String MAX_CONTROL_LINE_EXCEEDED = "Maximum Control Line Exceeded";
    static final String SERVER_SHUTDOWN = "Server Shutdown";
    static final String NO_RESPONDERS_REQUIRES_HEADERS = "No Responders Requires Headers";

    private CloseReason() {
    }

    /** The reason for closing on a parser's violation, by the error it sends. */
    static String ofViolation(String error) {
        if (ProtocolParser.MAX_CONTROL_LINE.equals(error)) {
            return MAX_CONTROL_LINE_EXCEEDED;
        }
        if (ProtocolParser.MAX_PAYLOAD.equals(error)) {
            return MAX_PAYLOAD_EXCEEDED;
        }
        return PROTOCOL_VIOLATION;
    }
}
