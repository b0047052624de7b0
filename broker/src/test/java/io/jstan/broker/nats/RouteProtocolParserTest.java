package io.jstan.broker.nats;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The route parser reads nats-server's route operations the same however the stream is cut into reads. */
class RouteProtocolParserTest {
    private static final byte[] STREAM = ("CONNECT {\"name\":\"N1\"}\r\nINFO {\"server_id\":\"N1\"} \r\n"
            + "RS+ $G foo\r\nRS+ $G bar q1 3\r\nLS+ origin $G baz\r\nRS- $G bar q1\r\nLS- $G baz\r\n"
            + "RMSG $G foo 5\r\nhello\r\nRMSG $G foo rep 2\r\nhi\r\nHMSG $G foo 12 14\r\nNATS/1.0\r\n\r\nhi\r\n"
            + "RMSG $G bar + rep q1 q2 2\r\nqq\r\nRMSG $G bar | q1 2\r\nqq\r\nHMSG $SYS x | q 12 12\r\nNATS/1.0\r\n\r\n\r\n"
            + "PING\r\nPONG\r\n+OK\r\n-ERR 'Unknown Protocol Operation'\r\n").getBytes(StandardCharsets.US_ASCII);

    @Test
    void everySplitPointGivesTheSameOperations() {
        List<String> whole = parse(STREAM.length);
        assertEquals(List.of("CONNECT {\"name\":\"N1\"}", "INFO {\"server_id\":\"N1\"}",
                "RS+ $G foo null 0", "RS+ $G bar q1 3", "RS+ $G baz null 0", "RS- $G bar q1", "RS- $G baz null",
                "RMSG $G foo null [] 0 hello", "RMSG $G foo rep [] 0 hi", "RMSG $G foo null [] 12 NATS/1.0\r\n\r\nhi",
                "RMSG $G bar rep [q1, q2] 0 qq", "RMSG $G bar null [q1] 0 qq", "RMSG $SYS x null [q] 12 NATS/1.0\r\n\r\n",
                "PING", "PONG", "ERR 'Unknown Protocol Operation'"), whole);
        for (int cut = 1; cut < STREAM.length; cut++) {
            assertEquals(whole, parse(cut), "reads of " + cut + " bytes");
        }
    }

    @Test
    void malformedOperationsStopTheParser() {
        assertEquals(List.of("VIOLATION null processRoutedMsgArgs Bad or Missing Reply Indicator: 'x'"),
                parse("RMSG $G foo x q1 2\r\nhi\r\nPING\r\n"));
        assertEquals(List.of("VIOLATION null processRemoteSub Parse Error: '$G'"), parse("RS+ $G\r\nPING\r\n"));
        assertEquals(List.of("VIOLATION Unknown Protocol Operation unknown operation: \"SUB foo 1\\r\""), parse("SUB foo 1\r\n"));
        assertEquals(List.of("VIOLATION Maximum Payload Violation payload of 2000 bytes, over 1024"),
                parse("RMSG $G foo 2000\r\n"));
    }

    @Test
    void beforeConnectAListenerWithCredentialsTakesOnlyConnect() {
        Recorder recorder = new Recorder();
        RouteProtocolParser parser = recorder.parser();
        parser.requireConnectFirst(true);
        parser.parse(read("RS+ $G foo\r\n".getBytes(StandardCharsets.US_ASCII), 0, 12));
        parser.release();
        assertEquals(List.of("VIOLATION Authorization Violation an operation before CONNECT"), recorder.operations);
    }

    private static List<String> parse(String text) {
        Recorder recorder = new Recorder();
        RouteProtocolParser parser = recorder.parser();
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        parser.parse(read(bytes, 0, bytes.length));
        parser.release();
        return recorder.operations;
    }

    private static List<String> parse(int readSize) {
        Recorder recorder = new Recorder();
        RouteProtocolParser parser = recorder.parser();
        for (int at = 0; at < STREAM.length; at += readSize) {
            parser.parse(read(STREAM, at, Math.min(readSize, STREAM.length - at)));
        }
        parser.release();
        return recorder.operations;
    }

    private static ByteBuf read(byte[] stream, int from, int length) {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(length);
        buffer.writeBytes(stream, from, length);
        return buffer;
    }

    /** Writes each operation down as one string. */
    private static final class Recorder implements RouteProtocolParser.Handler {
        final List<String> operations = new ArrayList<>();

        RouteProtocolParser parser() {
            return new RouteProtocolParser(this, PooledByteBufAllocator.DEFAULT, 4096, 1024);
        }

        @Override
        public void onConnect(String json) {
            operations.add("CONNECT " + json);
        }

        @Override
        public void onInfo(String json) {
            operations.add("INFO " + json);
        }

        @Override
        public void onRemoteSubscribe(String account, String subject, String queue, int weight) {
            operations.add("RS+ " + account + " " + subject + " " + queue + " " + weight);
        }

        @Override
        public void onRemoteUnsubscribe(String account, String subject, String queue) {
            operations.add("RS- " + account + " " + subject + " " + queue);
        }

        @Override
        public void onRoutedMessage(String account, String subject, String reply, String[] queues, int headerLength,
                                    ByteBuf message) {
            operations.add("RMSG " + account + " " + subject + " " + reply + " " + List.of(queues) + " " + headerLength
                    + " " + message.toString(StandardCharsets.US_ASCII));
        }

        @Override
        public void onPing() {
            operations.add("PING");
        }

        @Override
        public void onPong() {
            operations.add("PONG");
        }

        @Override
        public void onError(String error) {
            operations.add("ERR " + error);
        }

        @Override
        public void onViolation(String error, String detail) {
            operations.add("VIOLATION " + error + " " + detail);
        }
    }
}
