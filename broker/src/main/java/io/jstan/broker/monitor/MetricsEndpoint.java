package io.jstan.broker.monitor;

import io.jstan.broker.nats.NatsServer;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * /metrics: the NATS server's and, once attached, the streaming server's figures in the Prometheus text
 * format. Every value is read from the servers when scraped; the message path counts nothing for it.
 */
final class MetricsEndpoint implements PlainEndpoint {
    /** Its own registry, not the process-wide default: each monitor reports on its own servers. */
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    MetricsEndpoint(NatsServer server, AttachedStreaming streaming) {
        NatsMetrics.register(registry, server);
        StreamingMetrics.register(registry, streaming);
    }

    @Override
    public String path() {
        return "/metrics";
    }

    @Override
    public HttpReply respond(QueryParameters query) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try {
            writer.write(text, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HttpReply(HttpResponseStatus.OK, PrometheusTextFormatWriter.CONTENT_TYPE, text.toByteArray());
    }
}
