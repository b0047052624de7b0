package io.jstan.broker.nats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The JSON of a client's CONNECT, with nats-server's field names and defaults: a field the
 * client leaves out is false, except verbose, pedantic and echo, which are on.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ConnectOptions(
        @JsonProperty("verbose") Boolean verbose,
        @JsonProperty("pedantic") Boolean pedantic,
        @JsonProperty("tls_required") boolean tlsRequired,
        @JsonProperty("user") String user,
        @JsonProperty("pass") String pass,
        @JsonProperty("auth_token") String authToken,
        @JsonProperty("name") String name,
        @JsonProperty("lang") String lang,
        @JsonProperty("version") String version,
        @JsonProperty("protocol") int protocol,
        @JsonProperty("echo") Boolean echo,
        @JsonProperty("headers") boolean headers,
        @JsonProperty("no_responders") boolean noResponders) {

    static final ConnectOptions DEFAULTS =
            new ConnectOptions(null, null, false, null, null, null, null, null, null, 0, null, false, false);

    boolean verboseEnabled() {
        return verbose == null || verbose;
    }

    boolean pedanticEnabled() {
        return pedantic == null || pedantic;
    }

    boolean echoEnabled() {
        return echo == null || echo;
    }
}
