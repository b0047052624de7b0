package io.jstan.cli.options;

import io.jstan.broker.nats.ClusterOptions;
import io.jstan.broker.nats.NatsServerOptions;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Routes to the other servers of a NATS cluster, with nats-server's flags and its
 * {@code cluster { }} block: the route listener, the routes to solicit, their credentials and TLS.
 */
public final class ClusterSection implements OptionSection {
    private static final int MAX_PORT = 65535;

    @Option(names = "--routes", paramLabel = "<string, ...>", description = "Routes to solicit and connect")
    @ConfigKey("cluster.routes")
    CommaSeparated routes;

    /** Flag only: the file sets the listener with cluster.listen, cluster.host and cluster.port. */
    @Option(names = {"--cluster", "--cluster_listen"}, description = "Cluster URL for solicited routes")
    String listenUrl;

    @Option(names = "--cluster_name", description = "Cluster name, if not set one will be dynamically generated")
    @ConfigKey("cluster.name")
    String name;

    @Option(names = "--cluster_advertise", description = "Cluster URL to advertise to other servers")
    @ConfigKey({"cluster.advertise", "cluster.cluster_advertise"})
    String advertise;

    @Option(names = "--no_advertise", arity = "0..1", description = "Do not advertise known cluster IPs to clients")
    @ConfigKey("cluster.no_advertise")
    boolean noAdvertise;

    @Option(names = "--connect_retries", description = "For implicit routes, number of connect retries")
    @ConfigKey("cluster.connect_retries")
    int connectRetries;

    @ConfigKey(value = {"cluster.host", "cluster.net"}, description = "Route listener host")
    String host;

    @ConfigKey(value = "cluster.port", description = "Route listener port (-1 for a random one)")
    int port;

    @ConfigKey(value = {"cluster.authorization.user", "cluster.authorization.username"},
            description = "User other servers must give on a route")
    String user;

    @ConfigKey(value = {"cluster.authorization.password", "cluster.authorization.pass"},
            description = "Password other servers must give on a route")
    String password;

    @ConfigKey(value = "cluster.authorization.timeout",
            description = "How long another server has to send its CONNECT (seconds, or a duration)")
    Duration authTimeout = ClusterOptions.DEFAULT_AUTH_TIMEOUT;

    @ConfigKey(value = "cluster.tls.cert_file", description = "Certificate of this server on routes (both ways)")
    Path tlsCertificate;

    @ConfigKey(value = "cluster.tls.key_file", description = "Private key of the route certificate")
    Path tlsKey;

    @ConfigKey(value = "cluster.tls.ca_file", description = "CA the other servers' route certificates are verified with")
    Path tlsCaCertificate;

    @ConfigKey(value = "cluster.tls.timeout", description = "How long a route's TLS handshake may take (seconds, or a duration)")
    Duration tlsTimeout = ClusterOptions.DEFAULT_TLS_TIMEOUT;

    @ConfigKey(value = "cluster.tls.verify", description = "Verify the other servers' certificates: always on for routes, as in nats-server")
    boolean tlsVerify = true;

    @Override
    public String heading() {
        return "NATS Clustering Options";
    }

    @ConfigKey(value = "cluster.listen", description = "Route listener host and port, or port alone")
    void listen(HostPort address) {
        if (address.host() != null) {
            host = address.host();
        }
        port = address.port();
    }

    void applyTo(NatsServerOptions options) throws UsageException {
        ClusterOptions cluster = options.cluster();
        if (listenUrl != null) {
            applyListenUrl(listenUrl);
        }
        if (port < NatsServerOptions.RANDOM_PORT || port > MAX_PORT) {
            throw new UsageException("cluster port " + port + " is out of range (0 to " + MAX_PORT + ", or -1 for a random port)");
        }
        List<URI> routeUrls = routeUris();
        if (port == 0 && !routeUrls.isEmpty()) {
            throw new UsageException("routes need a route listener of this server: set --cluster, or cluster { listen } in the configuration file");
        }
        if (password != null && user == null) {
            throw new UsageException("a route password needs a route user (cluster { authorization { user } })");
        }
        if (!tlsVerify) {
            throw new UsageException("route TLS always verifies the other servers' certificates, as in nats-server: remove verify: false from cluster { tls { } }");
        }
        boolean tls = tlsCertificate != null || tlsKey != null || tlsCaCertificate != null;
        if (tls && (tlsCertificate == null || tlsKey == null || tlsCaCertificate == null)) {
            throw new UsageException("route TLS needs cert_file, key_file and ca_file in cluster { tls { } }");
        }
        cluster.host(host != null ? host : options.host())
                .port(port)
                .name(name == null || name.isEmpty() ? null : name)
                .routes(routeUrls)
                .user(user)
                .password(password)
                .authTimeout(authTimeout)
                .tlsCert(tlsCertificate)
                .tlsKey(tlsKey)
                .tlsCaCert(tlsCaCertificate)
                .tlsTimeout(tlsTimeout)
                .advertise(advertise == null || advertise.isEmpty() ? null : advertise)
                .noAdvertise(noAdvertise)
                .connectRetries(connectRetries);
    }

    /** --cluster nats://[user:pass@]host:port: the listener, and the credentials other servers must give. */
    private void applyListenUrl(String url) throws UsageException {
        String rest = url;
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String credentials = rest.substring(0, at);
            int colon = credentials.indexOf(':');
            user = colon >= 0 ? credentials.substring(0, colon) : credentials;
            password = colon >= 0 ? credentials.substring(colon + 1) : null;
            rest = rest.substring(at + 1);
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        try {
            listen(HostPort.parse("cluster", rest));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid --cluster URL '" + url + "': expected nats://host:port");
        }
    }

    private List<URI> routeUris() throws UsageException {
        List<URI> uris = new ArrayList<>();
        if (routes == null) {
            return uris;
        }
        for (String url : routes.values()) {
            try {
                URI uri = new URI(url);
                if (uri.getHost() == null || uri.getPort() <= 0) {
                    throw new UsageException("invalid route URL '" + url + "': expected nats-route://host:port");
                }
                uris.add(uri);
            } catch (URISyntaxException e) {
                throw new UsageException("invalid route URL '" + url + "': " + e.getMessage());
            }
        }
        return uris;
    }
}
