package io.jstan.cli.options;

import picocli.CommandLine.Option;

/** How much the streaming server logs, apart from the embedded NATS server. */
public final class StreamingLoggingSection implements OptionSection {

    @Option(names = {"-SD", "--stan_debug"}, arity = "0..1", description = "Enable STAN debugging output")
    @ConfigKey(value = {"sd", "stan_debug"}, scope = ConfigScope.STREAMING)
    boolean debug;

    @Option(names = {"-SV", "--stan_trace"}, arity = "0..1", description = "Trace the raw STAN protocol")
    @ConfigKey(value = {"sv", "stan_trace"}, scope = ConfigScope.STREAMING)
    boolean trace;

    /** Null unless given: then it decides both debug and trace. */
    @Option(names = "-SDV", arity = "0..1", description = "Debug and trace STAN")
    Boolean debugAndTrace;

    @Override
    public String heading() {
        return "Streaming Server Logging Options";
    }

    boolean debugOn() {
        return debugAndTrace != null ? debugAndTrace : debug;
    }

    boolean traceOn() {
        return debugAndTrace != null ? debugAndTrace : trace;
    }
}
