package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstan.broker.streaming.StreamingOptions;
import io.jstan.broker.streaming.StreamingServer;
import io.jstan.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The /streaming endpoints before and after a streaming server is attached to the monitor. */
class ServeStreamingTest {
    private static final String[] STREAMING_PATHS = {"/streaming/serverz", "/streaming/storez",
            "/streaming/clientsz", "/streaming/channelsz", "/streaming/isFTActive"};

    @Test
    void streamingPathsAre404UntilAStreamingServerIsAttached() throws Exception {
        try (MonitoredStreaming monitored = MonitoredStreaming.startUnattached()) {
            for (String path : STREAMING_PATHS) {
                HttpResponse<String> response = monitored.nats().get(path);
                assertEquals(404, response.statusCode(), path);
                assertEquals("404 page not found\n", response.body(), path);
            }
            monitored.attach();
            for (String path : STREAMING_PATHS) {
                int expected = path.endsWith("isFTActive") ? 204 : 200;
                assertEquals(expected, monitored.nats().get(path).statusCode(), path);
            }
        }
    }

    @Test
    void streamingRequestsAreNotCountedInHttpReqStats() throws Exception {
        try (MonitoredStreaming monitored = MonitoredStreaming.startUnattached()) {
            monitored.attach();
            for (String path : STREAMING_PATHS) {
                monitored.nats().get(path);
            }
            monitored.nats().get("/metrics");
            JsonNode stats = monitored.nats().json("/varz").get("http_req_stats");
            assertEquals(1, stats.size(), "nats-streaming-server's /varz counts only nats-server's endpoints: " + stats);
            assertEquals(1, stats.get("/varz").asInt());
        }
    }

    @Test
    void isFTActiveIs204OutsideFaultToleranceMode() throws Exception {
        try (MonitoredStreaming monitored = MonitoredStreaming.startUnattached()) {
            monitored.attach();
            HttpResponse<String> response = monitored.nats().get("/streaming/isFTActive");
            assertEquals(204, response.statusCode());
            assertEquals("", response.body());
        }
    }

    @Test
    void isFTActiveIs200OnTheActiveServerOfAFaultToleranceGroup() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start();
             MemoryStore store = new MemoryStore();
             StreamingServer active = StreamingServer.start(nats.server().bus(), store,
                     new StreamingOptions().faultToleranceGroup("ft"))) {
            nats.monitoring().serveStreaming(active);
            assertEquals(200, nats.get("/streaming/isFTActive").statusCode());
        }
    }

    @Test
    void isreadyIs503UntilTheStreamingServerStartedThen200OutsideACluster() throws Exception {
        try (MonitoredStreaming monitored = MonitoredStreaming.startUnattached()) {
            HttpResponse<String> starting = monitored.nats().get("/streaming/isready");
            assertEquals(503, starting.statusCode());
            assertEquals("not ready: the streaming server has not started\n", starting.body());
            monitored.attach();
            HttpResponse<String> started = monitored.nats().get("/streaming/isready");
            assertEquals(200, started.statusCode());
            assertEquals("ready\n", started.body());
        }
    }

    @Test
    void theRootPageLinksTheStreamingEndpointsOnceAttached() throws Exception {
        try (MonitoredStreaming monitored = MonitoredStreaming.startUnattached()) {
            String before = monitored.nats().get("/").body();
            assertTrue(before.contains("href=./metrics"), before);
            assertFalse(before.contains("streaming/"), before);
            monitored.attach();
            String after = monitored.nats().get("/").body();
            for (String endpoint : new String[]{"serverz", "storez", "clientsz", "channelsz"}) {
                assertTrue(after.contains("href=./streaming/" + endpoint), endpoint + " is not linked in " + after);
            }
        }
    }

    @Test
    void streamingJsonTakesAJsonpCallbackAsTheOthers() throws Exception {
        try (MonitoredStreaming monitored = MonitoredStreaming.startUnattached()) {
            monitored.attach();
            HttpResponse<String> response = monitored.nats().get("/streaming/serverz?callback=show");
            assertEquals("application/javascript", response.headers().firstValue("content-type").orElseThrow());
            assertTrue(response.body().startsWith("show({"), response.body());
        }
    }
}
