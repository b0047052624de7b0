package io.jstan.broker.nats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The INFO servers exchange on a route, with nats-server's field names. A server sends its own
 * when a route opens, and forwards a new peer's to its other routes (gossip), with {@code ip} set
 * to the URL the others can reach that peer at.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
@JsonIgnoreProperties(ignoreUnknown = true)
record RouteInfo(
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
        @JsonProperty("nonce") String nonce,
        @JsonProperty("ip") String ip,
        @JsonProperty("cluster") String cluster,
        @JsonProperty("cluster_dynamic") boolean dynamic,
        @JsonProperty("connect_urls") List<String> connectUrls,
        @JsonProperty("lnoc") boolean leafNodeOriginCluster) {

    /** The route protocol level with accounts in RS+, RS- and RMSG. */
    static final int ROUTE_PROTOCOL = 2;

    /** The same INFO for the other routes (gossip): where this peer can be reached, and no nonce (it was for one connection). */
    RouteInfo forwarded(String routeUrl) {
        return new RouteInfo(serverId, serverName, version, proto, host, port, headers, authRequired, tlsRequired,
                tlsVerify, maxPayload, null, routeUrl, cluster, dynamic, connectUrls, leafNodeOriginCluster);
    }
}
