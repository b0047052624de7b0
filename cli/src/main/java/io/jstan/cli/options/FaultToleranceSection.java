package io.jstan.cli.options;

import picocli.CommandLine.Option;

/** nats-streaming-server's "FT Options": the fault-tolerance group this server stands by in. */
public final class FaultToleranceSection implements OptionSection {

    @Option(names = "--ft_group", description = "Name of this FT group")
    @ConfigKey(value = {"ft_group", "ft_group_name"}, scope = ConfigScope.STREAMING)
    String group;

    @Override
    public String heading() {
        return "Streaming Server FT Options";
    }

    /** The group's name, or null when this server is not in one. */
    String group() {
        return group == null || group.isBlank() ? null : group;
    }
}
