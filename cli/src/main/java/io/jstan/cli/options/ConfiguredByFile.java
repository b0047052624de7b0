package io.jstan.cli.options;

/** A holder of {@link ConfigKey} members that needs to know when a configuration file set one of them. */
interface ConfiguredByFile {
    void configuredByFile();
}
