package io.jstan.cli.options;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** nats-streaming-server's keys: in the streaming block, or at the top level when there is none. */
class ConfigScopeTest {
    private static final Path FILE = Path.of("stan.conf");
    private static final Set<ConfigScope> BOTH = EnumSet.allOf(ConfigScope.class);

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
                List.of(holder), BOTH);
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
                FILE, List.of(holder), BOTH);
        assertEquals(List.of(), warnings);
        assertEquals("sql", holder.store);
        assertEquals("cc.pem", holder.clientCert);
    }

    @Test
    void withABlockStreamingKeysAtTheTopLevelAreUnknown() throws Exception {
        Holder holder = new Holder();
        List<String> warnings = ConfigMerge.apply(Map.of("store", "file", "streaming", Map.of()), FILE, List.of(holder), BOTH);
        assertEquals(List.of("stan.conf: unknown config key 'store', ignored"), warnings);
        assertEquals(null, holder.store);
    }

    @Test
    void natsKeysInTheBlockAreUnknown() throws Exception {
        Holder holder = new Holder();
        List<String> warnings = ConfigMerge.apply(Map.of("streaming", Map.of("port", 1L)), FILE, List.of(holder), BOTH);
        assertEquals(List.of("stan.conf: unknown config key 'streaming.port', ignored"), warnings);
    }

    @Test
    void aFileForNatsOnlyLeavesTheStreamingKeysAlone() throws Exception {
        Holder holder = new Holder();
        List<String> warnings = ConfigMerge.apply(Map.of("port", 4333L, "store", "file"), FILE, List.of(holder),
                EnumSet.of(ConfigScope.NATS));
        assertEquals(List.of(), warnings);
        assertEquals(4333, holder.port);
        assertEquals(null, holder.store);
        warnings = ConfigMerge.apply(Map.of("streaming", Map.of("store", "sql", "colour", "blue")), FILE, List.of(holder),
                EnumSet.of(ConfigScope.NATS));
        assertEquals(List.of(), warnings);
        assertEquals(null, holder.store);
    }

    @Test
    void aFileForStreamingOnlyLeavesTheNatsKeysAlone() throws Exception {
        Holder holder = new Holder();
        List<String> warnings = ConfigMerge.apply(Map.of("port", 4333L, "store", "file"), FILE, List.of(holder),
                EnumSet.of(ConfigScope.STREAMING));
        assertEquals(List.of(), warnings);
        assertEquals(0, holder.port);
        assertEquals("file", holder.store);
    }

    static final class BlockReader {
        ConfigBlock read;

        @ConfigKey(value = "store_limits", scope = ConfigScope.STREAMING)
        List<String> limits(ConfigBlock block) {
            read = block;
            return List.of(block.key() + ".colour");
        }
    }

    @Test
    void aBlockIsReadWholeAndWhatItIgnoresIsWarnedAbout() throws Exception {
        BlockReader reader = new BlockReader();
        List<String> warnings = ConfigMerge.apply(Map.of("streaming", Map.of("Store_Limits", Map.of("colour", "blue"))),
                FILE, List.of(reader), BOTH);
        assertEquals(new ConfigBlock("streaming.Store_Limits", Map.of("colour", "blue")), reader.read);
        assertEquals(List.of("stan.conf: unknown config key 'streaming.Store_Limits.colour', ignored"), warnings);
    }
}
