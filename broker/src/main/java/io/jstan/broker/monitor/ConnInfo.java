package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * One client connection in /connz, with nats-server's field names; empty text and lists are left out as
 * Go does, and so are stop and reason but for a closed connection.
 */
record ConnInfo(
        @JsonProperty("cid") long cid,
        @JsonProperty("kind") String kind,
        @JsonProperty("type") String type,
        @JsonProperty("ip") String ip,
        @JsonProperty("port") int port,
        @JsonProperty("start") Instant start,
        @JsonProperty("last_activity") Instant lastActivity,
        @JsonProperty("stop") @JsonInclude(JsonInclude.Include.NON_NULL) Instant stop,
        @JsonProperty("reason") @JsonInclude(JsonInclude.Include.NON_EMPTY) String reason,
        @JsonProperty("rtt") String rtt,
        @JsonProperty("uptime") String uptime,
        @JsonProperty("idle") String idle,
        @JsonProperty("pending_bytes") long pendingBytes,
        @JsonProperty("in_msgs") long inMsgs,
        @JsonProperty("out_msgs") long outMsgs,
        @JsonProperty("in_bytes") long inBytes,
        @JsonProperty("out_bytes") long outBytes,
        @JsonProperty("subscriptions") int subscriptions,
        @JsonProperty("name") @JsonInclude(JsonInclude.Include.NON_EMPTY) String name,
        @JsonProperty("lang") @JsonInclude(JsonInclude.Include.NON_EMPTY) String lang,
        @JsonProperty("version") @JsonInclude(JsonInclude.Include.NON_EMPTY) String version,
        @JsonProperty("tls_version") @JsonInclude(JsonInclude.Include.NON_EMPTY) String tlsVersion,
        @JsonProperty("tls_cipher_suite") @JsonInclude(JsonInclude.Include.NON_EMPTY) String tlsCipherSuite,
        @JsonProperty("subscriptions_list") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> subscriptionsList) {
}
