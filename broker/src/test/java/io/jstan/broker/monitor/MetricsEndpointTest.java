package io.jstan.broker.monitor;

import io.jstan.broker.nats.ServerStats;
import io.jstan.broker.streaming.StreamingStats;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static io.jstan.broker.monitor.MonitoredStreaming.ORDERS;
import static io.jstan.broker.monitor.MonitoredStreaming.PRICES;
import static io.jstan.broker.testing.ClientWaits.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsEndpointTest {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Test
    void reportsTheStreamingServerAndTheNatsServer() throws Exception {
        try (MonitoredStreaming monitored = MonitoredStreaming.startWithActivity()) {
            ServerStats nats = monitored.nats().server().stats();
            long natsInBefore = nats.inMessages();
            Metrics metrics = scrape(monitored.nats());

            assertEquals(2, metrics.value("jstan_clients"));
            assertEquals(2, metrics.value("jstan_channels"));
            assertEquals(2, metrics.value("jstan_subscriptions"));
            assertEquals(5, metrics.value("jstan_stored_messages"));
            long ordersBytes = monitored.channel(ORDERS).bytes();
            long pricesBytes = monitored.channel(PRICES).bytes();
            assertEquals(ordersBytes + pricesBytes, metrics.value("jstan_stored_bytes"));
            assertEquals(3, metrics.value("jstan_channel_stored_messages{channel=\"orders\"}"));
            assertEquals(2, metrics.value("jstan_channel_stored_messages{channel=\"prices\"}"));
            assertEquals(ordersBytes, metrics.value("jstan_channel_stored_bytes{channel=\"orders\"}"));
            assertEquals(pricesBytes, metrics.value("jstan_channel_stored_bytes{channel=\"prices\"}"));
            assertEquals(0, metrics.value("jstan_channel_pending_acks{channel=\"orders\"}"));
            assertEquals(2, metrics.value("jstan_channel_pending_acks{channel=\"prices\"}"));
            assertEquals(5, metrics.value("jstan_in_msgs_total"));
            StreamingStats stats = monitored.streaming().stats();
            assertEquals(stats.inBytes(), metrics.value("jstan_in_bytes_total"));
            assertEquals(5, metrics.value("jstan_out_msgs_total"));
            assertEquals(stats.outBytes(), metrics.value("jstan_out_bytes_total"));
            assertEquals(0, metrics.value("jstan_redeliveries_total"));
            assertEquals("gauge", metrics.type("jstan_clients"));
            assertEquals("gauge", metrics.type("jstan_channel_pending_acks"));
            assertEquals("counter", metrics.type("jstan_in_msgs_total"));
            assertEquals("counter", metrics.type("jstan_redeliveries_total"));

            assertEquals(monitored.nats().server().connectionCount(), metrics.value("jstan_nats_connections"));
            assertTrue(metrics.value("jstan_nats_connections") >= 2, "alpha's and beta's connections");
            double natsIn = metrics.value("jstan_nats_in_msgs_total");
            assertTrue(natsInBefore <= natsIn && natsIn <= nats.inMessages(), "in_msgs " + natsIn);
            assertTrue(natsIn >= 5, "the publishes went through NATS");
            assertTrue(metrics.value("jstan_nats_in_bytes_total") > 0);
            assertTrue(metrics.value("jstan_nats_out_msgs_total") >= 5, "the deliveries went through NATS");
            assertTrue(metrics.value("jstan_nats_out_bytes_total") > 0);
            assertEquals("counter", metrics.type("jstan_nats_out_bytes_total"));
        }
    }

    @Test
    void countsRedeliveries() throws Exception {
        try (MonitoredStreaming monitored = MonitoredStreaming.startWithActivity()) {
            monitored.redeliverSoon();
            await(() -> scrape(monitored.nats()).value("jstan_redeliveries_total") >= 1,
                    "a redelivery is counted");
        }
    }

    @Test
    void reportsTheNatsServerAloneWithoutAStreamingServer() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            Metrics metrics = scrape(nats);
            assertEquals(0, metrics.value("jstan_nats_connections"));
            assertEquals("counter", metrics.type("jstan_nats_in_msgs_total"));
            assertFalse(metrics.text().contains("jstan_clients"), metrics.text());
            assertFalse(metrics.text().contains("jstan_in_msgs"), "metrics without samples are left out");
        }
    }

    private static Metrics scrape(MonitoredNatsServer nats) throws Exception {
        HttpResponse<String> response = nats.get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals(CONTENT_TYPE, response.headers().firstValue("content-type").orElseThrow());
        return Metrics.parse(response.body());
    }

    /** The samples of the text exposition format by series ("name{labels}"), and the types by metric name. */
    private record Metrics(String text, Map<String, Double> samples, Map<String, String> types) {
        static Metrics parse(String text) {
            Map<String, Double> samples = new HashMap<>();
            Map<String, String> types = new HashMap<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("# TYPE ")) {
                    String[] parts = line.split(" ");
                    types.put(parts[2], parts[3]);
                } else if (!line.isEmpty() && !line.startsWith("#")) {
                    int space = line.lastIndexOf(' ');
                    samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
                }
            }
            return new Metrics(text, samples, types);
        }

        double value(String series) {
            Double value = samples.get(series);
            assertNotNull(value, () -> series + " is not in\n" + text);
            return value;
        }

        String type(String metric) {
            return types.get(metric);
        }
    }
}
