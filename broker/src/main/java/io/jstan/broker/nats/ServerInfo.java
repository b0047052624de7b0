package io.jstan.broker.nats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** The INFO a server sends to each client on connect, with nats-server's field names. */
record ServerInfo(
        String serverId,
        String serverName,
        String version,
        int proto,
        String host,
        int port,
        boolean headers,
        boolean authRequired,
        boolean tlsRequired,
        boolean tlsVerify,
        long maxPayload,
        long clientId,
        String clientIp,
        String cluster,
        List<String> connectUrls) {

    /** Written with Jackson's streaming generator: its data binding would take a few hundred milliseconds to load at startup. */
    private static final JsonFactory JSON = new JsonFactory();

    /** The JSON of INFO, in this order, leaving out what is empty, false or zero (as nats-server's omitempty). */
    String toJson() {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            string(json, "server_id", serverId);
            string(json, "server_name", serverName);
            string(json, "version", version);
            number(json, "proto", proto);
            string(json, "host", host);
            number(json, "port", port);
            flag(json, "headers", headers);
            flag(json, "auth_required", authRequired);
            flag(json, "tls_required", tlsRequired);
            flag(json, "tls_verify", tlsVerify);
            number(json, "max_payload", maxPayload);
            number(json, "client_id", clientId);
            string(json, "client_ip", clientIp);
            string(json, "cluster", cluster);
            if (connectUrls != null && !connectUrls.isEmpty()) {
                json.writeArrayFieldStart("connect_urls");
                for (String url : connectUrls) {
                    json.writeString(url);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write INFO", e);
        }
        return text.toString();
    }

    private static void string(JsonGenerator json, String field, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            json.writeStringField(field, value);
        }
    }

    private static void number(JsonGenerator json, String field, long value) throws IOException {
        if (value != 0) {
            json.writeNumberField(field, value);
        }
    }

    private static void flag(JsonGenerator json, String field, boolean value) throws IOException {
        if (value) {
            json.writeBooleanField(field, true);
        }
    }

    /** The INFO for one client, who came in on {@code listenPort} (the port bound, also when it was random). */
    ServerInfo forClient(int listenPort, long id, String ip) {
        return new ServerInfo(serverId, serverName, version, proto, host, listenPort, headers, authRequired,
                tlsRequired, tlsVerify, maxPayload, id, ip, cluster, connectUrls);
    }

    ServerInfo withCluster(String name) {
        return new ServerInfo(serverId, serverName, version, proto, host, port, headers, authRequired,
                tlsRequired, tlsVerify, maxPayload, clientId, clientIp, name, connectUrls);
    }

    /** The client URLs of every server in the mesh, this one's first. */
    ServerInfo withConnectUrls(List<String> urls) {
        return new ServerInfo(serverId, serverName, version, proto, host, port, headers, authRequired,
                tlsRequired, tlsVerify, maxPayload, clientId, clientIp, cluster, List.copyOf(urls));
    }
}
