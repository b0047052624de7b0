package io.jstan.broker.nats;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** The INFO a server sends to each client on connect, with nats-server's field names. */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
record ServerInfo(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("server_name") String serverName,
        @JsonProperty("version") String version,
        @JsonProperty("proto") int proto,
        @JsonProperty("host") String host,
        @JsonProperty("port") int port,
        @JsonProperty("headers") boolean headers,
        @JsonProperty("auth_required") boolean authRequired,
        @JsonProperty("tls_required") boolean tlsRequired,
        @JsonProperty("tls_verify") boolean tlsVerify,
        @JsonProperty("max_payload") long maxPayload,
        @JsonProperty("client_id") long clientId,
        @JsonProperty("client_ip") String clientIp,
        @JsonProperty("cluster") String cluster,
        @JsonProperty("connect_urls") List<String> connectUrls) {

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
