package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * /varz: server settings and counters, with nats-server's field names and order. Durations are in
 * nanoseconds (Go's time.Duration) except auth_timeout and tls_timeout, which are seconds. The blocks
 * of the features jstan does not have (gateway, leaf, mqtt, websocket, jetstream) are empty, as
 * nats-server writes them when those are off; system_account is left out, as nats-server does
 * without a system account.
 */
record Varz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("server_name") String serverName,
        @JsonProperty("version") String version,
        @JsonProperty("proto") int proto,
        @JsonProperty("host") String host,
        @JsonProperty("port") int port,
        @JsonProperty("auth_required") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean authRequired,
        @JsonProperty("tls_required") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean tlsRequired,
        @JsonProperty("tls_verify") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean tlsVerify,
        @JsonProperty("connect_urls") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> connectUrls,
        @JsonProperty("max_connections") int maxConnections,
        @JsonProperty("ping_interval") long pingIntervalNanos,
        @JsonProperty("ping_max") int pingMax,
        @JsonProperty("http_host") String httpHost,
        @JsonProperty("http_port") int httpPort,
        @JsonProperty("http_base_path") String httpBasePath,
        @JsonProperty("https_port") int httpsPort,
        @JsonProperty("auth_timeout") double authTimeoutSeconds,
        @JsonProperty("max_control_line") int maxControlLine,
        @JsonProperty("max_payload") int maxPayload,
        @JsonProperty("max_pending") long maxPending,
        @JsonProperty("cluster") ClusterVarz cluster,
        @JsonProperty("gateway") Map<String, Object> gateway,
        @JsonProperty("leaf") Map<String, Object> leaf,
        @JsonProperty("mqtt") Map<String, Object> mqtt,
        @JsonProperty("websocket") Map<String, Object> websocket,
        @JsonProperty("jetstream") Map<String, Object> jetStream,
        @JsonProperty("tls_timeout") double tlsTimeoutSeconds,
        @JsonProperty("write_deadline") long writeDeadlineNanos,
        @JsonProperty("start") Instant start,
        @JsonProperty("now") Instant now,
        @JsonProperty("uptime") String uptime,
        @JsonProperty("mem") long mem,
        @JsonProperty("cores") int cores,
        @JsonProperty("gomaxprocs") int maxProcs,
        @JsonProperty("cpu") double cpu,
        @JsonProperty("connections") int connections,
        @JsonProperty("total_connections") long totalConnections,
        @JsonProperty("routes") int routes,
        @JsonProperty("remotes") int remotes,
        @JsonProperty("leafnodes") int leafNodes,
        @JsonProperty("in_msgs") long inMsgs,
        @JsonProperty("out_msgs") long outMsgs,
        @JsonProperty("in_bytes") long inBytes,
        @JsonProperty("out_bytes") long outBytes,
        @JsonProperty("slow_consumers") long slowConsumers,
        @JsonProperty("subscriptions") int subscriptions,
        @JsonProperty("http_req_stats") Map<String, Long> httpReqStats,
        @JsonProperty("config_load_time") Instant configLoadTime) {

    /** The options block of a feature that is off: Go writes it as {}. */
    static final Map<String, Object> OFF = Map.of();
}
