package io.jstan.cli.options;

import java.nio.file.Path;
import java.util.Set;

/**
 * A configuration file to read, and for whom: with both {@code -c} and {@code -sc}, as in
 * nats-streaming-server, each file is read for its own server only; a file given alone serves both.
 */
record ConfigFile(Path path, Set<ConfigScope> scopes) {
}
