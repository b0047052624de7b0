package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;

/** /gatewayz as nats-server answers it with gateways off: no name, host or port, and no gateways. */
record Gatewayz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("outbound_gateways") Map<String, Object> outboundGateways,
        @JsonProperty("inbound_gateways") Map<String, Object> inboundGateways) {
}
