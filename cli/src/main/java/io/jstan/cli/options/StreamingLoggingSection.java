package io.jstan.cli.options;

import picocli.CommandLine.Option;

import java.util.List;

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

    /** Only names the Windows event log source in nats-streaming-server: accepted, with no effect here. */
    @Option(names = "--syslog_name",
            description = "On Windows, when running several servers as a service, use this name for the event source"
                    + " (accepted, with no effect: jstan writes no Windows event log)")
    @ConfigKey(value = "syslog_name", scope = ConfigScope.STREAMING)
    String syslogName;

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

    /** What was set and has no effect, to be logged as warnings. */
    List<String> ineffectiveSettings() {
        return syslogName == null ? List.of() : List.of("syslog_name \"" + syslogName
                + "\" has no effect: it names the Windows event log source, and jstan writes no Windows event log");
    }
}
