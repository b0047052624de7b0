package io.jstan.broker.testing;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Verbose mode, against any server listening on 127.0.0.1:port: +OK for every CONNECT, PUB, SUB and UNSUB. */
public record VerboseScenarios(int port) {
    private static final String OK = "+OK\r\n";

    public void jnatsWorksInVerboseMode() throws Exception {
        Options options = new Options.Builder().server("nats://127.0.0.1:" + port).verbose().noReconnect().build();
        try (Connection nc = Nats.connect(options)) {
            ClientWaits.assertRoundTrip(nc, "verbose.jnats", "hello");
        }
    }

    public void everyConnectPubSubAndUnsubIsAcknowledged() throws Exception {
        try (RawConversation raw = RawConversation.open(port)) {
            assertEquals(List.of(OK), raw.exchange("CONNECT {\"verbose\":true}\r\n"));
            assertEquals(List.of(OK), raw.exchange("SUB verbose.raw 1\r\n"));
            assertEquals(List.of(OK, "MSG verbose.raw 1 2\r\n", "hi\r\n"), raw.exchange("PUB verbose.raw 2\r\nhi\r\n"));
            assertEquals(List.of(OK), raw.exchange("UNSUB 1\r\n"));
            assertEquals(List.of(OK), raw.exchange("PUB verbose.raw 2\r\nhi\r\n"), "nothing delivered after UNSUB");
        }
    }
}
