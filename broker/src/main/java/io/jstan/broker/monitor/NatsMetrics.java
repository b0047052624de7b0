package io.jstan.broker.monitor;

import io.jstan.broker.nats.NatsServer;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.function.LongSupplier;

/** The NATS server's metrics: open connections, and messages and bytes in and out, read at each scrape. */
final class NatsMetrics {
    private NatsMetrics() {
    }

    static void register(PrometheusRegistry registry, NatsServer server) {
        GaugeWithCallback.builder()
                .name("jstan_nats_connections")
                .help("Client connections open on the NATS server")
                .callback(callback -> callback.call(server.connectionCount()))
                .register(registry);
        counter(registry, "jstan_nats_in_msgs", "Messages the NATS server received from clients",
                () -> server.stats().inMessages());
        counter(registry, "jstan_nats_in_bytes", "Message bytes (headers and payload) the NATS server received from clients",
                () -> server.stats().inBytes());
        counter(registry, "jstan_nats_out_msgs", "Messages the NATS server sent to clients",
                () -> server.stats().outMessages());
        counter(registry, "jstan_nats_out_bytes", "Message bytes (headers and payload) the NATS server sent to clients",
                () -> server.stats().outBytes());
    }

    private static void counter(PrometheusRegistry registry, String name, String help, LongSupplier value) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsLong()))
                .register(registry);
    }
}
