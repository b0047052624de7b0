package io.jstan.cli.options;

import io.jstan.broker.streaming.StreamingOptions;

/**
 * What the streaming server needs, from the command line and the configuration files.
 *
 * @param externalNats the NATS server to serve through (-ns); null to serve through the embedded one
 */
public record StreamingSettings(StreamingOptions engine, ExternalNats externalNats) {
}
