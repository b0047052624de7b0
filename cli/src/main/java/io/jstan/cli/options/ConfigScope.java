package io.jstan.cli.options;

/** Where in a configuration file a {@link ConfigKey} is looked up. */
public enum ConfigScope {
    /** nats-server's keys, at the top level of the file. */
    NATS,
    /**
     * nats-streaming-server's own keys: inside the file's {@code streaming { }} block, or at
     * the top level when the file has no such block (as nats-streaming-server reads them).
     */
    STREAMING
}
