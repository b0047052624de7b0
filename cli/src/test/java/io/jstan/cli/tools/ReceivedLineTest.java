package io.jstan.cli.tools;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** stan-sub's line, the MsgProto fields in protobuf's text format. */
class ReceivedLineTest {

    @Test
    void printableMessage() {
        assertEquals("[#1] Received: sequence:7 subject:\"orders\" data:\"hello world\" timestamp:1700000000123456789 redelivered:false",
                ReceivedLine.format(1, 7, "orders", "hello world".getBytes(StandardCharsets.UTF_8), 1700000000123456789L, false));
    }

    @Test
    void escapesAndOctalForEverythingElse() {
        byte[] data = {'a', '"', 'b', '\\', '\n', '\r', '\t', 0x01, (byte) 0xff};
        assertEquals("[#12] Received: sequence:3 subject:\"caf\\303\\251\" data:\"a\\\"b\\\\\\n\\r\\t\\001\\377\""
                        + " timestamp:5 redelivered:true",
                ReceivedLine.format(12, 3, "café", data, 5, true));
    }

    @Test
    void emptyMessage() {
        assertEquals("[#2] Received: sequence:9 subject:\"a.b\" data:\"\" timestamp:0 redelivered:false",
                ReceivedLine.format(2, 9, "a.b", new byte[0], 0, false));
    }
}
