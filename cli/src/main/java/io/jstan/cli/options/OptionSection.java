package io.jstan.cli.options;

/**
 * One group of the command's flags and configuration keys, as nats-streaming-server's usage
 * text groups them; a picocli mixin of {@link JstanCommand}. The usage text and the flag
 * reference list the sections in the order {@link JstanCommand} declares them.
 */
public interface OptionSection {
    /** The group's title in the usage text, such as "Logging Options". */
    String heading();
}
