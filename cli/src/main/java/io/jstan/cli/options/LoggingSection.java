package io.jstan.cli.options;

import io.jstan.cli.logging.LogDestination;
import io.jstan.cli.logging.LogSettings;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Where the log goes and how much of it. */
public final class LoggingSection implements OptionSection {
    private static final int SYSLOG_PORT = 514;

    @Option(names = {"-l", "--log"}, description = "File to redirect log output")
    @ConfigKey({"log_file", "logfile"})
    Path logFile;

    @Option(names = {"-T", "--logtime"}, arity = "0..1", description = "Timestamp log entries")
    @ConfigKey("logtime")
    boolean logtime = true;

    @Option(names = {"-s", "--syslog"}, arity = "0..1", description = "Enable syslog as log method")
    @ConfigKey("syslog")
    boolean syslog;

    @Option(names = {"-r", "--remote_syslog"}, description = "Syslog server addr (udp://localhost:514)")
    @ConfigKey("remote_syslog")
    String remoteSyslog;

    @Option(names = {"-D", "--debug"}, arity = "0..1", description = "Enable debugging output")
    @ConfigKey("debug")
    boolean debug;

    @Option(names = {"-V", "--trace"}, arity = "0..1", description = "Trace the raw protocol")
    @ConfigKey("trace")
    boolean trace;

    /** Null unless given: then it decides both debug and trace. */
    @Option(names = "-DV", arity = "0..1", description = "Debug and trace")
    Boolean debugAndTrace;

    @Override
    public String heading() {
        return "Logging Options";
    }

    /**
     * As nats-server, one destination: the log file, else remote syslog, else local syslog, else stderr.
     *
     * @param streaming the streaming server's own debug and trace settings (-SD, -SV)
     * @param raftLogging whether the Raft library logs (--cluster_raft_logging)
     */
    LogSettings settings(StreamingLoggingSection streaming, boolean raftLogging) throws UsageException {
        LogDestination destination;
        if (logFile != null) {
            destination = new LogDestination.File(logFile);
        } else if (remoteSyslog != null && !remoteSyslog.isEmpty()) {
            destination = remoteSyslog(remoteSyslog);
        } else if (syslog) {
            destination = LogDestination.Syslog.local();
        } else {
            destination = new LogDestination.Stderr();
        }
        boolean debugOn = debugAndTrace != null ? debugAndTrace : debug;
        boolean traceOn = debugAndTrace != null ? debugAndTrace : trace;
        return new LogSettings(destination, logtime, debugOn, traceOn, streaming.debugOn(), streaming.traceOn(), raftLogging);
    }

    private static LogDestination remoteSyslog(String address) throws UsageException {
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            throw new UsageException("invalid remote syslog address '" + address + "' (expected udp://host:port)");
        }
        if (!"udp".equals(uri.getScheme()) || uri.getHost() == null) {
            if ("tcp".equals(uri.getScheme()) || "unix".equals(uri.getScheme())) {
                throw new UsageException("remote syslog over " + uri.getScheme() + " is not supported by jstan yet, use udp://host:port");
            }
            throw new UsageException("invalid remote syslog address '" + address + "' (expected udp://host:port)");
        }
        return LogDestination.Syslog.remote(uri.getHost(), uri.getPort() == -1 ? SYSLOG_PORT : uri.getPort());
    }
}
