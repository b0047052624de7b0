package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstan.broker.streaming.StreamingServer;
import io.jstan.broker.streaming.StreamingStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServerzEndpointTest {
    private MonitoredStreaming monitored;

    @BeforeEach
    void start() throws Exception {
        monitored = MonitoredStreaming.startWithActivity();
    }

    @AfterEach
    void stop() throws Exception {
        monitored.close();
    }

    @Test
    void reportsTheStreamingServerItsContentsAndItsTraffic() throws Exception {
        StreamingServer streaming = monitored.streaming();
        JsonNode serverz = monitored.nats().json("/streaming/serverz");

        assertEquals(List.of("cluster_id", "server_id", "version", "go", "state", "now", "start_time", "uptime",
                "clients", "subscriptions", "channels", "total_msgs", "total_bytes", "in_msgs", "in_bytes",
                "out_msgs", "out_bytes", "open_fds", "max_fds"), fieldNames(serverz),
                "no role or node_id: those are a clustered server's");
        assertEquals("test-cluster", serverz.get("cluster_id").asText());
        assertEquals(streaming.serverId(), serverz.get("server_id").asText());
        assertEquals(JstanVersion.get(), serverz.get("version").asText());
        assertEquals("java" + System.getProperty("java.version"), serverz.get("go").asText());
        assertEquals("STANDALONE", serverz.get("state").asText());
        assertEquals(streaming.startTime(), Instant.parse(serverz.get("start_time").asText()));
        assertTrue(serverz.get("uptime").asText().matches("\\d+s"), serverz.get("uptime").asText());
        assertEquals(2, serverz.get("clients").asInt());
        assertEquals(2, serverz.get("subscriptions").asInt());
        assertEquals(2, serverz.get("channels").asInt());
        assertEquals(5, serverz.get("total_msgs").asLong());
        long storedBytes = monitored.channel(MonitoredStreaming.ORDERS).bytes() + monitored.channel(MonitoredStreaming.PRICES).bytes();
        assertTrue(storedBytes > 0);
        assertEquals(storedBytes, serverz.get("total_bytes").asLong());
        assertEquals(5, serverz.get("in_msgs").asLong());
        assertEquals(5, serverz.get("out_msgs").asLong());
        StreamingStats stats = streaming.stats();
        assertTrue(stats.inBytes() > MonitoredStreaming.payloadBytes(), "as nats-streaming-server: the publish requests' bytes");
        assertEquals(stats.inBytes(), serverz.get("in_bytes").asLong());
        assertTrue(stats.outBytes() > MonitoredStreaming.payloadBytes(), "as nats-streaming-server: the MsgProtos' bytes");
        assertEquals(stats.outBytes(), serverz.get("out_bytes").asLong());
        assertTrue(serverz.get("open_fds").asLong() > 0);
        assertTrue(serverz.get("max_fds").asLong() >= serverz.get("open_fds").asLong());
    }

    @Test
    void countsAnOfflineDurableAmongTheSubscriptions() throws Exception {
        monitored.takeDurableOffline();
        assertEquals(2, monitored.nats().json("/streaming/serverz").get("subscriptions").asInt());
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
