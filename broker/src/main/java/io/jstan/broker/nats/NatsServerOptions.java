package io.jstan.broker.nats;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the embedded NATS server, with nats-server's names and defaults.
 * A plain mutable holder filled by the command line and config file; the server
 * reads it once when it starts.
 */
public final class NatsServerOptions {
    public static final int DEFAULT_PORT = 4222;
    /** As in nats-server: the OS picks a free port. */
    public static final int RANDOM_PORT = -1;
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_MAX_PAYLOAD = 1024 * 1024;
    public static final int DEFAULT_MAX_CONTROL_LINE = 4096;
    public static final int DEFAULT_MAX_CONNECTIONS = 64 * 1024;
    public static final long DEFAULT_MAX_PENDING = 64L * 1024 * 1024;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofMinutes(2);
    public static final int DEFAULT_MAX_PINGS_OUT = 2;
    public static final Duration DEFAULT_WRITE_DEADLINE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_TLS_TIMEOUT = Duration.ofSeconds(2);

    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String serverName;
    private int maxPayload = DEFAULT_MAX_PAYLOAD;
    private int maxControlLine = DEFAULT_MAX_CONTROL_LINE;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private long maxPending = DEFAULT_MAX_PENDING;
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private int maxPingsOut = DEFAULT_MAX_PINGS_OUT;
    private Duration writeDeadline = DEFAULT_WRITE_DEADLINE;
    private Duration authTimeout = DEFAULT_AUTH_TIMEOUT;

    private String user;
    private String password;
    private String authToken;

    private boolean tls;
    private Path tlsCert;
    private Path tlsKey;
    private Path tlsCaCert;
    private boolean tlsVerify;
    private Duration tlsTimeout = DEFAULT_TLS_TIMEOUT;

    private String httpHost;
    private int httpPort;
    private int httpsPort;

    private boolean trace;

    private final ClusterOptions cluster = new ClusterOptions();

    public String host() { return host; }
    public NatsServerOptions host(String host) { this.host = host; return this; }

    public int port() { return port; }
    public NatsServerOptions port(int port) { this.port = port; return this; }

    /** The name in INFO; the server ID when not set. */
    public String serverName() { return serverName; }
    public NatsServerOptions serverName(String serverName) { this.serverName = serverName; return this; }

    public int maxPayload() { return maxPayload; }
    public NatsServerOptions maxPayload(int maxPayload) { this.maxPayload = maxPayload; return this; }

    public int maxControlLine() { return maxControlLine; }
    public NatsServerOptions maxControlLine(int maxControlLine) { this.maxControlLine = maxControlLine; return this; }

    public int maxConnections() { return maxConnections; }
    public NatsServerOptions maxConnections(int maxConnections) { this.maxConnections = maxConnections; return this; }

    /** Bytes queued for one connection beyond which it is closed as a slow consumer. */
    public long maxPending() { return maxPending; }
    public NatsServerOptions maxPending(long maxPending) { this.maxPending = maxPending; return this; }

    public Duration pingInterval() { return pingInterval; }
    public NatsServerOptions pingInterval(Duration pingInterval) { this.pingInterval = pingInterval; return this; }

    public int maxPingsOut() { return maxPingsOut; }
    public NatsServerOptions maxPingsOut(int maxPingsOut) { this.maxPingsOut = maxPingsOut; return this; }

    /** How long a write to a client may stay unfinished before the client is closed as a slow consumer. */
    public Duration writeDeadline() { return writeDeadline; }
    public NatsServerOptions writeDeadline(Duration writeDeadline) { this.writeDeadline = writeDeadline; return this; }

    public Duration authTimeout() { return authTimeout; }
    public NatsServerOptions authTimeout(Duration authTimeout) { this.authTimeout = authTimeout; return this; }

    public String user() { return user; }
    public NatsServerOptions user(String user) { this.user = user; return this; }

    public String password() { return password; }
    public NatsServerOptions password(String password) { this.password = password; return this; }

    public String authToken() { return authToken; }
    public NatsServerOptions authToken(String authToken) { this.authToken = authToken; return this; }

    public boolean authRequired() { return user != null || authToken != null; }

    public boolean tls() { return tls; }
    public NatsServerOptions tls(boolean tls) { this.tls = tls; return this; }

    public Path tlsCert() { return tlsCert; }
    public NatsServerOptions tlsCert(Path tlsCert) { this.tlsCert = tlsCert; return this; }

    public Path tlsKey() { return tlsKey; }
    public NatsServerOptions tlsKey(Path tlsKey) { this.tlsKey = tlsKey; return this; }

    public Path tlsCaCert() { return tlsCaCert; }
    public NatsServerOptions tlsCaCert(Path tlsCaCert) { this.tlsCaCert = tlsCaCert; return this; }

    /** Require and verify a client certificate. */
    public boolean tlsVerify() { return tlsVerify; }
    public NatsServerOptions tlsVerify(boolean tlsVerify) { this.tlsVerify = tlsVerify; return this; }

    public Duration tlsTimeout() { return tlsTimeout; }
    public NatsServerOptions tlsTimeout(Duration tlsTimeout) { this.tlsTimeout = tlsTimeout; return this; }

    /** TLS is on when asked for, or implied by a certificate or by client verification (as nats-server). */
    public boolean tlsEnabled() { return tls || tlsCert != null || tlsVerify; }

    /** The monitoring listener's host; the client host when not set. */
    public String httpHost() { return httpHost != null ? httpHost : host; }
    public NatsServerOptions httpHost(String httpHost) { this.httpHost = httpHost; return this; }

    /** Monitoring over HTTP; 0 is off, {@link #RANDOM_PORT} picks one. */
    public int httpPort() { return httpPort; }
    public NatsServerOptions httpPort(int httpPort) { this.httpPort = httpPort; return this; }

    /** Monitoring over HTTPS (with the server's TLS settings); 0 is off. */
    public int httpsPort() { return httpsPort; }
    public NatsServerOptions httpsPort(int httpsPort) { this.httpsPort = httpsPort; return this; }

    /** The route listener and routes to other servers. */
    public ClusterOptions cluster() { return cluster; }

    /** Log every protocol line received and sent (-V). */
    public boolean trace() { return trace; }
    public NatsServerOptions trace(boolean trace) { this.trace = trace; return this; }
}
