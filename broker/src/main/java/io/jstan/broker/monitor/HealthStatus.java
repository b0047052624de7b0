package io.jstan.broker.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

/** /healthz's answer, as nats-server's. */
record HealthStatus(@JsonProperty("status") String status) {
}
