package io.jstan.cli.options;

import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.cli.logging.LogSettings;

import java.nio.file.Path;

/**
 * Everything a server run needs, from the command line and the configuration file.
 *
 * @param nats    the embedded NATS server's settings; no embedded server runs when the streaming server
 *                connects to an external one
 * @param pidFile null when no pid file is wanted
 */
public record ServerSettings(NatsServerOptions nats, LogSettings logging, Path pidFile, StreamingSettings streaming) {
}
