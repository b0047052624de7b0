package io.jstan.broker.nats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The CONNECT a server sends on a route it opened, with nats-server's field names: {@code name}
 * is its server ID, {@code user} and {@code pass} come from the route URL. A client sends
 * {@code lang}, which is how a client that dialled the route port is told apart.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record RouteConnect(
        @JsonProperty("echo") boolean echo,
        @JsonProperty("verbose") boolean verbose,
        @JsonProperty("pedantic") boolean pedantic,
        @JsonProperty("user") @JsonInclude(JsonInclude.Include.NON_EMPTY) String user,
        @JsonProperty("pass") @JsonInclude(JsonInclude.Include.NON_EMPTY) String pass,
        @JsonProperty("tls_required") boolean tlsRequired,
        @JsonProperty("name") String name,
        @JsonProperty("headers") boolean headers,
        @JsonProperty("cluster") String cluster,
        @JsonProperty("cluster_dynamic") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean dynamic,
        @JsonProperty("lnoc") boolean leafNodeOriginCluster,
        @JsonProperty("lang") @JsonInclude(JsonInclude.Include.NON_EMPTY) String lang,
        @JsonProperty("gateway") @JsonInclude(JsonInclude.Include.NON_EMPTY) String gateway) {
}
