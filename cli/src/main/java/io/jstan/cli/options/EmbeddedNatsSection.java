package io.jstan.cli.options;

import io.jstan.broker.nats.NatsServerOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;

/** The embedded NATS server's listeners and limits. */
public final class EmbeddedNatsSection implements OptionSection {
    private static final int MAX_PORT = 65535;

    @Option(names = {"-a", "--addr"}, description = "Bind to host address")
    @ConfigKey({"host", "net"})
    String host = NatsServerOptions.DEFAULT_HOST;

    @Option(names = {"-p", "--port"}, description = "Use port for clients")
    @ConfigKey("port")
    int port = NatsServerOptions.DEFAULT_PORT;

    @Option(names = {"-P", "--pid"}, description = "File to store PID")
    @ConfigKey({"pid_file", "pidfile"})
    Path pidFile;

    @Option(names = {"-m", "--http_port"}, description = "Use port for http monitoring")
    @ConfigKey({"http_port", "monitor_port"})
    int httpPort;

    @Option(names = {"-ms", "--https_port"}, description = "Use port for https monitoring")
    @ConfigKey("https_port")
    int httpsPort;

    @Option(names = {"-c", "--config"}, description = "Configuration file")
    Path configFile;

    /** Set by the {@code http} and {@code https} keys only; the client host when null. */
    String httpHost;

    @ConfigKey(value = "server_name", description = "The server's name in INFO (the server ID when not set)")
    String serverName;

    @ConfigKey(value = "max_payload", description = "Largest message payload a client may publish")
    ByteSize maxPayload = new ByteSize(NatsServerOptions.DEFAULT_MAX_PAYLOAD);

    @ConfigKey(value = "max_control_line", description = "Longest protocol line a client may send")
    ByteSize maxControlLine = new ByteSize(NatsServerOptions.DEFAULT_MAX_CONTROL_LINE);

    @ConfigKey(value = {"max_connections", "max_conn"}, description = "Most client connections at once")
    int maxConnections = NatsServerOptions.DEFAULT_MAX_CONNECTIONS;

    @ConfigKey(value = "max_pending", description = "Bytes queued for a client beyond which it is a slow consumer")
    ByteSize maxPending = new ByteSize(NatsServerOptions.DEFAULT_MAX_PENDING);

    @ConfigKey(value = "ping_interval", description = "Interval between the server's PINGs to a client")
    Duration pingInterval = NatsServerOptions.DEFAULT_PING_INTERVAL;

    @ConfigKey(value = "ping_max", description = "Unanswered PINGs after which a client is closed")
    int pingMax = NatsServerOptions.DEFAULT_MAX_PINGS_OUT;

    @ConfigKey(value = "write_deadline", description = "Longest a write to a client may take before it is a slow consumer")
    Duration writeDeadline = NatsServerOptions.DEFAULT_WRITE_DEADLINE;

    @Override
    public String heading() {
        return "Embedded NATS Server Options";
    }

    @ConfigKey(value = "listen", description = "Client host and port, or port alone")
    void listen(HostPort address) {
        if (address.host() != null) {
            host = address.host();
        }
        port = address.port();
    }

    @ConfigKey(value = "http", description = "Monitoring host and port for http, or port alone")
    void http(HostPort address) {
        httpHost = address.host();
        httpPort = address.port();
    }

    @ConfigKey(value = "https", description = "Monitoring host and port for https, or port alone")
    void https(HostPort address) {
        httpHost = address.host();
        httpsPort = address.port();
    }

    void applyTo(NatsServerOptions options) throws UsageException {
        options.host(host)
                // As nats-server: port 0 is the default port, -1 a random one.
                .port(port == 0 ? NatsServerOptions.DEFAULT_PORT : checkPort("port", port))
                .httpHost(httpHost)
                .httpPort(checkPort("http_port", httpPort))
                .httpsPort(checkPort("https_port", httpsPort))
                .serverName(serverName)
                .maxPayload(maxPayload.toInt("max_payload"))
                .maxControlLine(maxControlLine.toInt("max_control_line"))
                .maxConnections(maxConnections)
                .maxPending(maxPending.bytes())
                .pingInterval(pingInterval)
                .maxPingsOut(pingMax)
                .writeDeadline(writeDeadline);
    }

    private static int checkPort(String name, int port) throws UsageException {
        if (port < NatsServerOptions.RANDOM_PORT || port > MAX_PORT) {
            throw new UsageException(name + " " + port + " is out of range (0 to " + MAX_PORT + ", or -1 for a random port)");
        }
        return port;
    }
}
