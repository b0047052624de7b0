package io.jstan.cli.options;

import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.cli.logging.LogSettings;
import io.jstan.cli.signal.SignalRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** The {@code jstan} command: its flags and configuration keys, one {@link OptionSection} per group. */
@Command(name = "jstan")
public final class JstanCommand {
    @Mixin
    StreamingSection streaming = new StreamingSection();

    @Mixin
    FaultToleranceSection faultTolerance = new FaultToleranceSection();

    @Mixin
    StreamingClusterSection streamingCluster = new StreamingClusterSection();

    @Mixin
    FileStoreSection fileStore = new FileStoreSection();

    @Mixin
    SqlStoreSection sqlStore = new SqlStoreSection();

    @Mixin
    StreamingTlsSection streamingTls = new StreamingTlsSection();

    @Mixin
    StreamingLoggingSection streamingLogging = new StreamingLoggingSection();

    @Mixin
    EmbeddedNatsSection embeddedNats = new EmbeddedNatsSection();

    @Mixin
    LoggingSection logging = new LoggingSection();

    @Mixin
    AuthorizationSection authorization = new AuthorizationSection();

    @Mixin
    TlsSection tls = new TlsSection();

    @Mixin
    ClusterSection cluster = new ClusterSection();

    @Mixin
    CommonSection common = new CommonSection();

    /** Flag parsing stops at the first argument that is not a flag; nats-server accepts "version" and "help" there. */
    @Parameters(hidden = true)
    List<String> commands = new ArrayList<>();

    /** In the order of the usage text. */
    public List<OptionSection> sections() {
        return List.of(streaming, faultTolerance, streamingCluster, fileStore, sqlStore, streamingTls, streamingLogging, embeddedNats, logging,
                authorization, tls, cluster, common);
    }

    /**
     * @param configWarnings what was ignored in the configuration file
     * @param environment the process environment, for what is read from it (the encryption key)
     */
    Invocation invocation(List<String> configWarnings, Function<String, String> environment) throws UsageException {
        if (common.help) {
            return new Invocation.ShowHelp();
        }
        if (common.version) {
            return new Invocation.ShowVersion();
        }
        if (common.tlsHelp) {
            return new Invocation.ShowTlsHelp();
        }
        if (!commands.isEmpty()) {
            switch (commands.get(0).toLowerCase(Locale.ROOT)) {
                case "version" -> {
                    return new Invocation.ShowVersion();
                }
                case "help" -> {
                    return new Invocation.ShowHelp();
                }
                default -> throw new UsageException("unrecognized command '" + commands.get(0) + "'");
            }
        }
        if (common.signal != null) {
            return new Invocation.SendSignal(SignalRequest.parse(common.signal, embeddedNats.pidFile));
        }
        NatsServerOptions nats = new NatsServerOptions();
        embeddedNats.applyTo(nats);
        authorization.applyTo(nats);
        tls.applyTo(nats);
        cluster.applyTo(nats);
        LogSettings log = logging.settings(streamingLogging, streamingCluster.raftLogging());
        nats.trace(log.trace());
        List<String> warnings = new ArrayList<>(configWarnings);
        StreamingSettings streamingSettings = streaming.settings(nats, streamingTls.tls(), fileStore, sqlStore, faultTolerance.group(),
                streamingCluster, warnings::add, environment);
        warnings.addAll(streamingLogging.ineffectiveSettings());
        return new Invocation.RunServer(new ServerSettings(nats, log, embeddedNats.pidFile, streamingSettings), warnings);
    }

    /** The configuration files to read: for a server run or a signal, not to print something. */
    List<ConfigFile> configFiles() {
        if (common.help || common.version || common.tlsHelp || !commands.isEmpty()) {
            return List.of();
        }
        Path nats = embeddedNats.configFile;
        Path stan = streaming.configFile;
        if (nats != null && stan != null) {
            return List.of(new ConfigFile(nats, EnumSet.of(ConfigScope.NATS)), new ConfigFile(stan, EnumSet.of(ConfigScope.STREAMING)));
        }
        Path only = nats != null ? nats : stan;
        return only == null ? List.of() : List.of(new ConfigFile(only, EnumSet.allOf(ConfigScope.class)));
    }
}
