package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** /jsz as nats-server answers it when JetStream is disabled: every figure 0. */
record Jsz(
        @JsonProperty("server_id") String serverId,
        @JsonProperty("now") Instant now,
        @JsonProperty("disabled") boolean disabled,
        @JsonProperty("config") Config config,
        @JsonProperty("memory") long memory,
        @JsonProperty("storage") long storage,
        @JsonProperty("reserved_memory") long reservedMemory,
        @JsonProperty("reserved_storage") long reservedStorage,
        @JsonProperty("accounts") int accounts,
        @JsonProperty("ha_assets") int haAssets,
        @JsonProperty("api") Api api,
        @JsonProperty("streams") int streams,
        @JsonProperty("consumers") int consumers,
        @JsonProperty("messages") long messages,
        @JsonProperty("bytes") long bytes) {

    static Jsz disabled(String serverId, Instant now) {
        return new Jsz(serverId, now, true, new Config(0, 0), 0, 0, 0, 0, 0, 0, new Api(0, 0), 0, 0, 0, 0);
    }

    record Config(
            @JsonProperty("max_memory") long maxMemory,
            @JsonProperty("max_storage") long maxStorage) {
    }

    record Api(
            @JsonProperty("total") long total,
            @JsonProperty("errors") long errors) {
    }
}
