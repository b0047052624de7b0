package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/** /routez: the routes to the other servers of the cluster, with nats-server's field names. */
record Routez(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("num_routes") int numRoutes,
        @JsonProperty("routes") List<RouteInfo> routes) {

    /** One route in /routez; the subject list only when asked for (subs=1). */
    record RouteInfo(
            @JsonProperty("rid") long rid,
            @JsonProperty("remote_id") String remoteId,
            @JsonProperty("did_solicit") boolean didSolicit,
            @JsonProperty("is_configured") boolean isConfigured,
            @JsonProperty("ip") String ip,
            @JsonProperty("port") int port,
            @JsonProperty("start") Instant start,
            @JsonProperty("last_activity") Instant lastActivity,
            @JsonProperty("rtt") String rtt,
            @JsonProperty("uptime") String uptime,
            @JsonProperty("idle") String idle,
            @JsonProperty("pending_size") long pendingSize,
            @JsonProperty("in_msgs") long inMsgs,
            @JsonProperty("out_msgs") long outMsgs,
            @JsonProperty("in_bytes") long inBytes,
            @JsonProperty("out_bytes") long outBytes,
            @JsonProperty("subscriptions") int subscriptions,
            @JsonProperty("subscriptions_list") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> subscriptionsList) {
    }
}
