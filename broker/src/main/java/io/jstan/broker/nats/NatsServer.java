package io.jstan.broker.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstan.broker.bus.Bus;
import io.jstan.broker.monitor.MonitoringServer;
import io.nats.client.NUID;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The embedded NATS server: listens for NATS clients, routes their messages, and offers the
 * same routing to in-process components through {@link #bus()}, from construction on: they can
 * subscribe before {@link #start()} opens the ports, so that no client finds them missing.
 */
public final class NatsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NatsServer.class);
    /** The nats-server protocol level implemented; clients gate features on INFO's version. */
    public static final String NATS_COMPATIBLE_VERSION = "2.9.10";
    private static final int WRITE_BUFFER_HIGH_WATER_MARK = 1024 * 1024;
    /** Past the high mark a connection is unwritable, and write_deadline starts counting (clients and routes alike). */
    static final WriteBufferWaterMark WRITE_BUFFER_WATER_MARK =
            new WriteBufferWaterMark(WRITE_BUFFER_HIGH_WATER_MARK / 2, WRITE_BUFFER_HIGH_WATER_MARK);
    /** How long shutdown waits for clients to take what was queued for them. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    /** How long a server with routes waits at most for its clients to move to the other servers. */
    private static final Duration LAME_DUCK_TIMEOUT = Duration.ofSeconds(10);
    private static final long LAME_DUCK_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /**
     * Once the clients left, how long answers still awaited may take to come: a request whose
     * responder is gone is never answered, and is not waited for longer than that.
     */
    private static final long ANSWERS_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final NatsServerOptions options;
    private final String serverId = newServerId();
    private final SubjectRouter router = new SubjectRouter();
    private final MessageDispatcher dispatcher = new MessageDispatcher(router);
    private final ConcurrentHashMap<Long, ClientConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong nextClientId = new AtomicLong();
    private final ServerStats stats = new ServerStats(connections.values());
    private final ClosedConnections closedConnections = new ClosedConnections(ClosedConnections.DEFAULT_CAPACITY);
    private final Authorizer authorizer;
    private final LocalInterest localInterest = new LocalInterest();
    private final OwedReplies owedReplies = new OwedReplies(router);
    /** With routes on: the configured cluster name, or one made up (peers may replace it); null otherwise. */
    private final String initialClusterName;
    private volatile ServerInfo info;

    private Instant startTime;
    private SslContext tlsContext;
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private Channel listener;
    private final InternalBus bus;
    private MonitoringServer monitoring;
    private Routes routes;

    public NatsServer(NatsServerOptions options) {
        this.options = options;
        this.authorizer = new Authorizer(options);
        this.initialClusterName = !options.cluster().enabled() ? null
                : options.cluster().name() != null ? options.cluster().name() : NUID.nextGlobal();
        this.info = new ServerInfo(serverId, options.serverName() != null ? options.serverName() : serverId,
                NATS_COMPATIBLE_VERSION, 1, options.host(), 0, true, options.authRequired(),
                options.tlsEnabled(), options.tlsVerify(), options.maxPayload(), 0, null, null, null);
        // Counted from the first subscription on, the in-process bus's among them, for the routes to come.
        router.localInterestListener(localInterest);
        this.bus = new InternalBus(this);
    }

    /** Binds the client port. Throws when the port cannot be had or the TLS files cannot be read. */
    public void start() throws IOException {
        startTime = Instant.now();
        if (options.tlsEnabled()) {
            tlsContext = buildTlsContext();
        }
        boolean epoll = Epoll.isAvailable();
        Class<? extends ServerChannel> serverChannelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        Class<? extends SocketChannel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        acceptors = epoll ? new EpollEventLoopGroup(1, new DefaultThreadFactory("nats-accept"))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("nats-accept"));
        workers = epoll ? new EpollEventLoopGroup(ioThreads(), new DefaultThreadFactory("nats-io"))
                : new NioEventLoopGroup(ioThreads(), new DefaultThreadFactory("nats-io"));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(serverChannelType)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WRITE_BUFFER_WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast("client", new ClientConnection(NatsServer.this, nextConnectionId()));
                    }
                });
        int port = options.port() == NatsServerOptions.RANDOM_PORT ? 0 : options.port();
        try {
            listener = bootstrap.bind(new InetSocketAddress(options.host(), port)).sync().channel();
        } catch (Exception e) {
            shutdownEventLoops();
            throw new IOException("cannot listen for clients on " + options.host() + ":" + port + ": " + e.getMessage(), e);
        }
        LOG.info("Listening for client connections on {}:{}", options.host(), port());
        if (options.cluster().enabled()) {
            startRoutes(serverChannelType, channelType);
        }
        if (options.httpPort() != 0 || options.httpsPort() != 0) {
            monitoring = new MonitoringServer(this);
            try {
                monitoring.start();
            } catch (IOException e) {
                close();
                throw e;
            }
        }
        if (options.authRequired()) {
            LOG.info("Client authorization is required");
        }
        if (tlsContext != null) {
            LOG.info("TLS required for client connections");
        }
    }

    private void startRoutes(Class<? extends ServerChannel> serverChannelType, Class<? extends SocketChannel> channelType)
            throws IOException {
        ConnectUrls connectUrls = new ConnectUrls(ClientUrls.of(options.host(), port()));
        routes = new Routes(this, localInterest, connectUrls, initialClusterName);
        info = info.withCluster(routes.clusterName());
        try {
            routes.start(acceptors, workers, serverChannelType, channelType);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The client port actually bound (useful with {@link NatsServerOptions#RANDOM_PORT}). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The route port bound; 0 when routes are off. */
    public int clusterPort() {
        return routes == null ? 0 : routes.port();
    }

    /** The cluster's name; null when routes are off. */
    public String clusterName() {
        return routes == null ? initialClusterName : routes.clusterName();
    }

    /** The client URLs of the servers in the mesh, as clients get them in INFO; empty until a route came. */
    public List<String> connectUrls() {
        List<String> urls = info.connectUrls();
        return urls == null ? List.of() : urls;
    }

    /** The number of routes to other servers. */
    public int routeCount() {
        return routes == null ? 0 : routes.count();
    }

    /** Snapshots of the routes, by route ID. */
    public List<RouteDescription> routes(boolean withSubscriptions) {
        return routes == null ? List.of() : routes.describe(withSubscriptions);
    }

    /** The in-process bus: subscribe and publish through this server's router without a socket, also before {@link #start()}. */
    public Bus bus() {
        return bus;
    }

    /** The monitoring server, once started with a monitoring port; null otherwise. */
    public MonitoringServer monitoring() {
        return monitoring;
    }

    public String serverId() {
        return serverId;
    }

    /** The name in INFO: the configured server_name, else the server ID (as nats-server). */
    public String serverName() {
        return info.serverName();
    }

    public NatsServerOptions options() {
        return options;
    }

    public Instant startTime() {
        return startTime;
    }

    public ServerStats stats() {
        return stats;
    }

    public SubjectRouter router() {
        return router;
    }

    public int connectionCount() {
        return connections.size();
    }

    /** Snapshots of the open client connections, by connection ID. */
    public List<ConnectionInfo> connections(boolean withSubscriptions) {
        return connections.values().stream()
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .map(c -> c.info(withSubscriptions))
                .toList();
    }

    /** Snapshots of the client connections closed most recently (up to 10,000), oldest first, with their subscriptions. */
    public List<ConnectionInfo> closedConnections() {
        return closedConnections.snapshot();
    }

    /**
     * Stops accepting; with other servers in the mesh, sends the clients to them first ({@link
     * #moveClientsAway}); writes what is queued for each client left (waiting up to two seconds in
     * all), closes them, and frees the threads.
     */
    @Override
    public void close() {
        if (listener == null) {
            bus.close();
            return;
        }
        listener.close().syncUninterruptibly();
        if (routes != null && routes.count() > 0) {
            moveClientsAway();
        }
        if (routes != null) {
            routes.close(CLOSE_TIMEOUT.toMillis());
        }
        if (monitoring != null) {
            monitoring.close();
        }
        bus.close();
        List<ChannelFuture> closing = connections.values().stream().map(ClientConnection::shutdown).toList();
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        for (ChannelFuture closed : closing) {
            // A client that does not read would hold the shutdown forever: the event loops' shutdown closes it.
            closed.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        shutdownEventLoops();
        LOG.info("NATS server stopped");
        listener = null;
    }

    /**
     * Lame duck mode: every client is sent away ({@link ClientConnection#leave}) while the routes
     * stay up, and the server waits, up to {@link #LAME_DUCK_TIMEOUT}, until each has left and
     * every answer to its requests has reached it or has been forwarded to its new server (answers
     * still awaited a second after the last one came are not coming). So a rolling restart fails
     * no request whose answer was on its way, streaming publishes included.
     */
    private void moveClientsAway() {
        List<ClientConnection> leaving = List.copyOf(connections.values());
        LOG.info("Entering lame duck mode, stop accepting new clients");
        leaving.forEach(ClientConnection::leave);
        long start = System.nanoTime();
        long deadline = start + LAME_DUCK_TIMEOUT.toNanos();
        long allLeftAt = 0;
        while (System.nanoTime() - deadline < 0) {
            // Read before the owed answers: a connection owes an answer before it stops awaiting it.
            boolean answersAwaited = leaving.stream().anyMatch(ClientConnection::awaitsAnswers);
            int owed = owedReplies.forwardWhereInterested();
            if (allLeftAt == 0 && leaving.stream().allMatch(ClientConnection::hasLeft)) {
                allLeftAt = System.nanoTime();
            }
            if (allLeftAt != 0 && owed == 0 && (!answersAwaited
                    || System.nanoTime() - Math.max(allLeftAt, owedReplies.lastOwedNanos()) > ANSWERS_GRACE_NANOS)) {
                break;
            }
            LockSupport.parkNanos(LAME_DUCK_POLL_NANOS);
        }
        long stayed = leaving.stream().filter(connection -> !connection.hasLeft()).count();
        int dropped = owedReplies.dropRest();
        leaving.forEach(ClientConnection::forgetSubscriptions);
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        if (stayed > 0 || dropped > 0) {
            LOG.warn("Lame duck mode over after {} ms: {} of {} client(s) still there, {} answer(s) to requests forwarded, "
                    + "{} dropped (their clients' new servers showed no interest)", took, stayed, leaving.size(),
                    owedReplies.forwarded(), dropped);
        } else {
            LOG.info("Lame duck mode over after {} ms: {} client(s) moved away, {} answer(s) to requests forwarded to their "
                    + "new servers", took, leaving.size(), owedReplies.forwarded());
        }
    }

    private void shutdownEventLoops() {
        acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Synchronized so that connections accepted at once on several event loops cannot overshoot the maximum. */
    synchronized boolean register(ClientConnection connection) {
        stats.connectionAccepted();
        if (connections.size() >= options.maxConnections()) {
            LOG.error("Maximum connections of {} exceeded", options.maxConnections());
            return false;
        }
        connections.put(connection.id(), connection);
        return true;
    }

    /** The connection closed; {@code last} is its final snapshot, kept for /connz?state=closed. */
    void unregister(ClientConnection connection, ConnectionInfo last) {
        if (connections.remove(connection.id()) != null) {
            stats.connectionClosed(connection);
        }
        closedConnections.add(last);
    }

    long nextConnectionId() {
        return nextClientId.incrementAndGet();
    }

    /** The mesh's client URLs changed: clients that take INFO updates get the new list. */
    void connectUrlsChanged(List<String> urls) {
        info = info.withConnectUrls(urls);
        connections.values().forEach(ClientConnection::sendInfoUpdate);
    }

    void clusterNameChanged(String name) {
        info = info.withCluster(name);
    }

    OwedReplies owedReplies() {
        return owedReplies;
    }

    MessageDispatcher dispatcher() {
        return dispatcher;
    }

    Authorizer authorizer() {
        return authorizer;
    }

    ServerInfo info() {
        return info;
    }

    /** For the routes' INFO and CONNECT. */
    ObjectMapper json() {
        return RouteJson.MAPPER;
    }

    /** The server TLS context when TLS is on, else null; monitoring over HTTPS uses it too. */
    public SslContext tlsContext() {
        return tlsContext;
    }

    private SslContext buildTlsContext() throws IOException {
        if (options.tlsCert() == null || options.tlsKey() == null) {
            throw new IOException("TLS needs both a certificate (--tlscert) and a key (--tlskey)");
        }
        try {
            return TlsFiles.server(options.tlsCert(), options.tlsKey(), options.tlsCaCert(),
                    options.tlsVerify() ? ClientAuth.REQUIRE : ClientAuth.NONE);
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot load the TLS certificate or key: " + e.getMessage(), e);
        }
    }

    /** One event loop per core: more threads than cores only adds context switches (Netty's default is two per core). */
    private static int ioThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Made on first use: a server without routes never loads Jackson's data binding, which takes a few hundred milliseconds. */
    private static final class RouteJson {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /** A random ID in the shape of nats-server's: 'N' and 55 characters of base32. */
    private static String newServerId() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        SecureRandom random = new SecureRandom();
        StringBuilder id = new StringBuilder("N");
        for (int i = 0; i < 55; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
