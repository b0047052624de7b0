package io.jstan.broker.nats;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the route listener and the routes to other servers, with nats-server's names and
 * defaults (its {@code cluster {}} block). Routes are off until a port is set.
 */
public final class ClusterOptions {
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_TLS_TIMEOUT = Duration.ofSeconds(2);

    private String host = NatsServerOptions.DEFAULT_HOST;
    private int port;
    private String name;
    private List<URI> routes = List.of();
    private String user;
    private String password;
    private Duration authTimeout = DEFAULT_AUTH_TIMEOUT;
    private Path tlsCert;
    private Path tlsKey;
    private Path tlsCaCert;
    private Duration tlsTimeout = DEFAULT_TLS_TIMEOUT;
    private String advertise;
    private boolean noAdvertise;
    private int connectRetries;

    /** Whether this server listens for routes: a port was set (0 is off, {@link NatsServerOptions#RANDOM_PORT} picks one). */
    public boolean enabled() { return port != 0; }

    public String host() { return host; }
    public ClusterOptions host(String host) { this.host = host; return this; }

    public int port() { return port; }
    public ClusterOptions port(int port) { this.port = port; return this; }

    /** The cluster's name; null lets the server make one up and take its peers' (as nats-server). */
    public String name() { return name; }
    public ClusterOptions name(String name) { this.name = name; return this; }

    /** The routes to solicit, retried forever while their server is down. */
    public List<URI> routes() { return routes; }
    public ClusterOptions routes(List<URI> routes) { this.routes = List.copyOf(routes); return this; }

    /** The credentials other servers must present on this route listener; also sent to servers learnt by gossip. */
    public String user() { return user; }
    public ClusterOptions user(String user) { this.user = user; return this; }

    public String password() { return password; }
    public ClusterOptions password(String password) { this.password = password; return this; }

    public boolean authRequired() { return user != null; }

    public Duration authTimeout() { return authTimeout; }
    public ClusterOptions authTimeout(Duration authTimeout) { this.authTimeout = authTimeout; return this; }

    public Path tlsCert() { return tlsCert; }
    public ClusterOptions tlsCert(Path tlsCert) { this.tlsCert = tlsCert; return this; }

    public Path tlsKey() { return tlsKey; }
    public ClusterOptions tlsKey(Path tlsKey) { this.tlsKey = tlsKey; return this; }

    public Path tlsCaCert() { return tlsCaCert; }
    public ClusterOptions tlsCaCert(Path tlsCaCert) { this.tlsCaCert = tlsCaCert; return this; }

    public Duration tlsTimeout() { return tlsTimeout; }
    public ClusterOptions tlsTimeout(Duration tlsTimeout) { this.tlsTimeout = tlsTimeout; return this; }

    /** Routes use TLS, both ways and with certificates verified on both sides (as nats-server), once a certificate is set. */
    public boolean tlsEnabled() { return tlsCert != null; }

    /** host:port other servers should dial for this one, when not the listen address. */
    public String advertise() { return advertise; }
    public ClusterOptions advertise(String advertise) { this.advertise = advertise; return this; }

    /** Do not tell clients the other servers' URLs. */
    public boolean noAdvertise() { return noAdvertise; }
    public ClusterOptions noAdvertise(boolean noAdvertise) { this.noAdvertise = noAdvertise; return this; }

    /** Attempts to reach a server learnt by gossip before giving up (configured routes are retried forever). */
    public int connectRetries() { return connectRetries; }
    public ClusterOptions connectRetries(int connectRetries) { this.connectRetries = connectRetries; return this; }
}
