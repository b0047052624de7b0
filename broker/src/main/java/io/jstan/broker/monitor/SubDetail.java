package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One subscription in /subsz's subscriptions_list, with nats-server's field names. nats-server also
 * names the owning connection (cid) and account; the server does not tell which connection owns a
 * subscription, and has no accounts, so both are left out.
 */
record SubDetail(
        @JsonProperty("subject") String subject,
        @JsonProperty("qgroup") @JsonInclude(JsonInclude.Include.NON_EMPTY) String queue,
        @JsonProperty("sid") String sid,
        @JsonProperty("msgs") long msgs,
        @JsonProperty("max") @JsonInclude(JsonInclude.Include.NON_DEFAULT) long max) {
}
