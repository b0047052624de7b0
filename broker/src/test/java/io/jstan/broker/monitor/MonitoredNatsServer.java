package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.NatsServerOptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A NATS server on 127.0.0.1 with monitoring on ephemeral ports, and an HTTP client for it.
 * NatsServer does not expose the MonitoringServer it starts itself, whose ephemeral port is then
 * unknown, so this fixture starts the server without monitoring and its own MonitoringServer over it.
 */
final class MonitoredNatsServer implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NatsServer server;
    private final MonitoringServer monitoring;
    private final HttpClient http;

    private MonitoredNatsServer(NatsServer server, MonitoringServer monitoring, HttpClient http) {
        this.server = server;
        this.monitoring = monitoring;
        this.http = http;
    }

    /** Plain HTTP monitoring on an ephemeral port. */
    static MonitoredNatsServer start() throws IOException {
        return start(localOptions(), NatsServerOptions.RANDOM_PORT, 0, HttpClient.newBuilder());
    }

    /** Monitoring on the given ports (0 is off); the client is built from {@code client}, e.g. with an SSLContext. */
    static MonitoredNatsServer start(NatsServerOptions options, int httpPort, int httpsPort, HttpClient.Builder client)
            throws IOException {
        NatsServer server = new NatsServer(options.httpPort(httpPort).httpsPort(httpsPort));
        server.start();
        return new MonitoredNatsServer(server, server.monitoring(), client.connectTimeout(TIMEOUT).build());
    }

    static NatsServerOptions localOptions() {
        return new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT);
    }


    NatsServer server() {
        return server;
    }

    MonitoringServer monitoring() {
        return monitoring;
    }

    String natsUrl() {
        return "nats://127.0.0.1:" + server.port();
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send("GET", "http://127.0.0.1:" + monitoring.httpPort() + pathAndQuery);
    }

    HttpResponse<String> getHttps(String pathAndQuery) throws IOException, InterruptedException {
        return send("GET", "https://127.0.0.1:" + monitoring.httpsPort() + pathAndQuery);
    }

    HttpResponse<String> send(String method, String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON document at a path, which must answer 200. */
    JsonNode json(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = get(pathAndQuery);
        assertEquals(200, response.statusCode(), () -> pathAndQuery + " answered " + response.body());
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        server.close();
    }
}
