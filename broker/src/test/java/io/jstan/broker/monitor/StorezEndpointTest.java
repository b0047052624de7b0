package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstan.broker.streaming.StreamingOptions;
import io.jstan.broker.streaming.StreamingServer;
import io.jstan.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jstan.broker.monitor.ServerzEndpointTest.fieldNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class StorezEndpointTest {
    private static final long ONE_HOUR_NANOS = 3_600_000_000_000L;

    @Test
    void reportsTheStoreTypeItsLimitsAndWhatItHolds() throws Exception {
        try (MonitoredStreaming monitored = MonitoredStreaming.startWithActivity()) {
            JsonNode storez = monitored.nats().json("/streaming/storez");

            assertEquals(List.of("cluster_id", "server_id", "now", "type", "limits", "total_msgs", "total_bytes"),
                    fieldNames(storez));
            assertEquals("test-cluster", storez.get("cluster_id").asText());
            assertEquals(monitored.streaming().serverId(), storez.get("server_id").asText());
            assertEquals("MEMORY", storez.get("type").asText());
            assertEquals(5, storez.get("total_msgs").asLong());
            assertEquals(monitored.channel(MonitoredStreaming.ORDERS).bytes() + monitored.channel(MonitoredStreaming.PRICES).bytes(),
                    storez.get("total_bytes").asLong());

            JsonNode limits = storez.get("limits");
            assertEquals(List.of("max_channels", "max_msgs", "max_bytes", "max_age", "max_subscriptions",
                    "max_inactivity", "channels"), fieldNames(limits), "nats-streaming-server's StoreLimits, flattened as Go embeds");
            assertEquals(10, limits.get("max_channels").asInt());
            assertEquals(1_000_000, limits.get("max_msgs").asLong());
            assertEquals(1_024_000_000L, limits.get("max_bytes").asLong());
            assertEquals(ONE_HOUR_NANOS, limits.get("max_age").asLong(), "a Go duration: nanoseconds");
            assertEquals(1000, limits.get("max_subscriptions").asInt());
            assertEquals(0, limits.get("max_inactivity").asLong());

            JsonNode orders = limits.get("channels").get(MonitoredStreaming.ORDERS);
            assertEquals(List.of("max_msgs", "max_bytes", "max_age", "max_subscriptions", "max_inactivity"), fieldNames(orders));
            assertEquals(500, orders.get("max_msgs").asLong());
            assertEquals(1_024_000_000L, orders.get("max_bytes").asLong(), "inherited from the global limits");
            assertEquals(ONE_HOUR_NANOS, orders.get("max_age").asLong());
            assertEquals(1, limits.get("channels").size());
        }
    }

    @Test
    void leavesOutTheChannelsMapWhenNoChannelHasLimitsOfItsOwn() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start();
             MemoryStore store = new MemoryStore();
             StreamingServer streaming = StreamingServer.start(nats.server().bus(), store, new StreamingOptions())) {
            nats.monitoring().serveStreaming(streaming);
            JsonNode limits = nats.json("/streaming/storez").get("limits");
            assertEquals(100, limits.get("max_channels").asInt());
            assertFalse(limits.has("channels"), "as Go's omitempty");
        }
    }
}
