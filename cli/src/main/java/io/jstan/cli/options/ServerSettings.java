package io.jstan.cli.options;

import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.cli.logging.LogSettings;

import java.nio.file.Path;

/**
 * Everything a server run needs, from the command line and the configuration file.
 *
 * @param pidFile null when no pid file is wanted
 */
public record ServerSettings(NatsServerOptions nats, LogSettings logging, Path pidFile) {
}
