package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.time.Instant;
import java.util.List;

/**
 * /subsz with a page of subscriptions (subs=1): the router's statistics, then the page; as in
 * nats-server, total is the length of the page. Without a list (or with an empty page) nats-server
 * answers the bare statistics: {@link SublistStats}.
 */
record Subsz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonUnwrapped SublistStats stats,
        @JsonProperty("total") int total,
        @JsonProperty("offset") int offset,
        @JsonProperty("limit") int limit,
        @JsonProperty("subscriptions_list") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SubDetail> subscriptionsList) {
}
