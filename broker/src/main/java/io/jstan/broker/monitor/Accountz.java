package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * /accountz, with nats-server's field names: the names of the accounts, or one account's details
 * (acc=NAME). There is no system_account: jstan has none, and nats-server leaves the field out then.
 */
record Accountz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("accounts") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> accounts,
        @JsonProperty("account_detail") @JsonInclude(JsonInclude.Include.NON_NULL) AccountInfo accountDetail) {

    /** One account's details; jstan's only account has no JetStream, leaf nodes, imports or exports. */
    record AccountInfo(
            @JsonProperty("account_name") String accountName,
            @JsonProperty("update_time") Instant updateTime,
            @JsonProperty("expired") boolean expired,
            @JsonProperty("complete") boolean complete,
            @JsonProperty("jetstream_enabled") boolean jetStreamEnabled,
            @JsonProperty("leafnode_connections") int leafNodeConnections,
            @JsonProperty("client_connections") int clientConnections,
            @JsonProperty("subscriptions") int subscriptions,
            @JsonProperty("sublist_stats") SublistStats sublistStats) {
    }
}
