package io.jstan.broker.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.NatsServerOptions;
import org.junit.jupiter.api.Test;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonitoringServerTest {
    @Test
    void reportsTheBoundPortsAndMinusOneForAListenerThatIsOff() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            assertTrue(nats.monitoring().httpPort() > 0);
            assertEquals(-1, nats.monitoring().httpsPort());
        }
    }

    @Test
    void natsServerStartsMonitoringWithItselfAndStopsItOnClose() throws Exception {
        NatsServer server = new NatsServer(MonitoredNatsServer.localOptions().httpPort(NatsServerOptions.RANDOM_PORT));
        server.start();
        int port = server.monitoring().httpPort();
        HttpClient http = HttpClient.newHttpClient();
        URI healthz = URI.create("http://127.0.0.1:" + port + "/healthz");
        try {
            assertEquals(200, http.send(HttpRequest.newBuilder(healthz).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            server.close();
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
    }

    @Test
    void httpsWithoutTlsSettingsFailsTheStartWithAClearMessage() {
        NatsServer server = new NatsServer(MonitoredNatsServer.localOptions().httpsPort(NatsServerOptions.RANDOM_PORT));
        IOException e = assertThrows(IOException.class, server::start);
        assertTrue(e.getMessage().contains("HTTPS") && e.getMessage().contains("TLS"), e.getMessage());
    }

    @Test
    void aPortInUseFailsTheStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            NatsServer server = new NatsServer(MonitoredNatsServer.localOptions().httpPort(taken.getLocalPort()));
            IOException e = assertThrows(IOException.class, server::start);
            assertTrue(e.getMessage().contains(String.valueOf(taken.getLocalPort())), e.getMessage());
        }
    }

    @Test
    void rootPageLinksEveryEndpoint() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            HttpResponse<String> root = nats.get("/");
            assertEquals(200, root.statusCode());
            assertEquals("text/html; charset=utf-8", root.headers().firstValue("content-type").orElseThrow());
            for (String endpoint : new String[]{"varz", "jsz", "connz", "accountz", "accstatz", "subsz", "routez", "leafz",
                    "gatewayz", "healthz", "metrics"}) {
                assertTrue(root.body().contains("href=./" + endpoint + ">") || root.body().contains("href=./" + endpoint + " "),
                        endpoint + " is not linked");
                assertEquals(200, nats.get("/" + endpoint).statusCode(), endpoint);
            }
        }
    }

    @Test
    void healthzIsOk() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            HttpResponse<String> health = nats.get("/healthz");
            assertEquals(200, health.statusCode());
            assertEquals("application/json", health.headers().firstValue("content-type").orElseThrow());
            assertEquals("{\"status\":\"ok\"}", health.body());
        }
    }

    @Test
    void unknownPathsAre404() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            assertEquals(404, nats.get("/nope").statusCode());
            assertEquals(404, nats.get("/varz/").statusCode());
        }
    }

    @Test
    void routezOfAServerWithoutRoutesIsEmpty() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            JsonNode routez = nats.json("/routez");
            assertEquals(0, routez.get("num_routes").asInt());
            assertEquals(0, routez.get("routes").size());
            assertEquals(0, nats.json("/varz").get("cluster").size(), "an empty cluster block, as Go writes it");
        }
    }

    @Test
    void methodsOtherThanGetAre405() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            String url = "http://127.0.0.1:" + nats.monitoring().httpPort();
            for (String method : new String[]{"POST", "PUT", "DELETE"}) {
                HttpResponse<String> response = nats.send(method, url + "/varz");
                assertEquals(405, response.statusCode(), method);
                assertEquals("GET, HEAD", response.headers().firstValue("allow").orElseThrow());
            }
        }
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutTheBody() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            HttpResponse<String> head = nats.send("HEAD", "http://127.0.0.1:" + nats.monitoring().httpPort() + "/healthz");
            assertEquals(200, head.statusCode());
            assertEquals("15", head.headers().firstValue("content-length").orElseThrow());
            assertEquals("", head.body());
        }
    }

    @Test
    void aBadQueryValueIs400WithOneLine() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            HttpResponse<String> response = nats.get("/connz?limit=abc");
            assertEquals(400, response.statusCode());
            assertEquals("Error decoding int for 'limit': strconv.Atoi: parsing \"abc\": invalid syntax", response.body());
        }
    }

    @Test
    void callbackWrapsTheJsonAsJsonp() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start()) {
            HttpResponse<String> jsonp = nats.get("/healthz?callback=show");
            assertEquals(200, jsonp.statusCode());
            assertEquals("application/javascript", jsonp.headers().firstValue("content-type").orElseThrow());
            assertEquals("show({\"status\":\"ok\"})", jsonp.body());
            assertEquals(400, nats.get("/healthz?callback=alert(1)//").statusCode());
        }
    }

    @Test
    void keepsTheConnectionOpenBetweenRequests() throws Exception {
        try (MonitoredNatsServer nats = MonitoredNatsServer.start();
             Socket socket = new Socket("127.0.0.1", nats.monitoring().httpPort())) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 3; i++) {
                out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertEquals("{\"status\":\"ok\"}", readResponseBody(in));
            }
            out.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertEquals("{\"status\":\"ok\"}", readResponseBody(in));
            assertEquals(-1, in.read(), "the server closes after Connection: close");
        }
    }

    /** Reads one response with a Content-Length and returns its body. */
    private static String readResponseBody(InputStream in) throws IOException {
        int length = -1;
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c == -1) {
                throw new IOException("connection closed in the middle of a response");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
