package io.jstan.cli.options;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** nats-streaming-server's keys: in the streaming block, or at the top level when there is none. */
class ConfigScopeTest {
    private static final Path FILE = Path.of("stan.conf");

    static final class Holder {
        @ConfigKey("port")
        int port;

        @ConfigKey(value = {"store", "store_type"}, scope = ConfigScope.STREAMING)
        String store;

        @ConfigKey(value = "tls.client_cert", scope = ConfigScope.STREAMING)
        String clientCert;

        @ConfigKey("tls.cert_file")
        String certFile;
    }

    @Test
    void streamingKeysAtTheTopLevelWithoutBlock() throws Exception {
        Holder holder = new Holder();
        List<String> warnings = ConfigMerge.apply(
                Map.of("port", 4333L, "store", "file", "tls", Map.of("cert_file", "c.pem", "client_cert", "cc.pem")), FILE,
                List.of(holder));
        assertEquals(List.of(), warnings);
        assertEquals(4333, holder.port);
        assertEquals("file", holder.store);
        assertEquals("c.pem", holder.certFile);
        assertEquals("cc.pem", holder.clientCert);
    }

    @Test
    void streamingKeysInTheBlock() throws Exception {
        Holder holder = new Holder();
        List<String> warnings = ConfigMerge.apply(
                Map.of("port", 4333L, "STREAMING", Map.of("Store_Type", "sql", "tls", Map.of("client_cert", "cc.pem"))),
                FILE, List.of(holder));
        assertEquals(List.of(), warnings);
        assertEquals("sql", holder.store);
        assertEquals("cc.pem", holder.clientCert);
    }

    @Test
    void withABlockStreamingKeysAtTheTopLevelAreUnknown() throws Exception {
        Holder holder = new Holder();
        List<String> warnings = ConfigMerge.apply(Map.of("store", "file", "streaming", Map.of()), FILE, List.of(holder));
        assertEquals(List.of("stan.conf: unknown config key 'store', ignored"), warnings);
        assertEquals(null, holder.store);
    }

    @Test
    void natsKeysInTheBlockAreUnknown() throws Exception {
        Holder holder = new Holder();
        List<String> warnings = ConfigMerge.apply(Map.of("streaming", Map.of("port", 1L)), FILE, List.of(holder));
        assertEquals(List.of("stan.conf: unknown config key 'streaming.port', ignored"), warnings);
    }
}
