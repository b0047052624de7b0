package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** /varz's cluster block, with nats-server's field names; empty when routes are off (as Go writes it: {}). */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
record ClusterVarz(
        @JsonProperty("name") String name,
        @JsonProperty("addr") String host,
        @JsonProperty("cluster_port") int port,
        @JsonProperty("auth_timeout") double authTimeoutSeconds,
        @JsonProperty("urls") List<String> urls,
        @JsonProperty("tls_timeout") double tlsTimeoutSeconds,
        @JsonProperty("tls_required") boolean tlsRequired,
        @JsonProperty("tls_verify") boolean tlsVerify) {

    static final ClusterVarz NONE = new ClusterVarz(null, null, 0, 0, null, 0, false, false);
}
