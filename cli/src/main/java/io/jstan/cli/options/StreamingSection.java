package io.jstan.cli.options;

import io.jstan.broker.cluster.ClusterOptions;
import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.broker.streaming.StreamingOptions;
import io.jstan.store.ChannelLimits;
import io.jstan.store.StoreLimits;
import io.jstan.store.crypto.EncryptionCipher;
import io.jstan.store.crypto.StoreEncryption;
import io.jstan.store.file.FileStore;
import io.jstan.store.file.FileStoreOptions;
import io.jstan.store.memory.MemoryStore;
import io.jstan.store.sql.SqlStore;
import io.jstan.store.sql.SqlStoreOptions;
import io.nats.client.support.NatsUri;
import picocli.CommandLine.Option;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** The streaming server: its cluster ID, store and limits, client heartbeats, and the NATS server it serves through. */
public final class StreamingSection implements OptionSection {
    @Option(names = {"-cid", "--cluster_id"}, description = "Cluster ID")
    @ConfigKey(value = {"id", "cid", "cluster_id"}, scope = ConfigScope.STREAMING)
    String clusterId = StreamingOptions.DEFAULT_CLUSTER_ID;

    @Option(names = {"-st", "--store"}, description = "Store type: MEMORY|FILE|SQL")
    @ConfigKey(value = {"store", "st", "store_type", "storetype"}, scope = ConfigScope.STREAMING)
    String store = MemoryStore.TYPE;

    /** Only a FILE store has a directory; as nats-streaming-server, a MEMORY store does without. */
    @Option(names = "--dir", description = "For FILE store type, this is the root directory")
    @ConfigKey(value = {"dir", "datastore"}, scope = ConfigScope.STREAMING)
    Path dir;

    @Option(names = {"-mc", "--max_channels"}, description = "Max number of channels (0 for unlimited)")
    int maxChannels = StoreLimits.DEFAULT_MAX_CHANNELS;

    @Option(names = {"-msu", "--max_subs"}, description = "Max number of subscriptions per channel (0 for unlimited)")
    int maxSubscriptions = ChannelLimits.DEFAULTS.maxSubscriptions();

    @Option(names = {"-mm", "--max_msgs"}, description = "Max number of messages per channel (0 for unlimited)")
    long maxMsgs = ChannelLimits.DEFAULTS.maxMsgs();

    @Option(names = {"-mb", "--max_bytes"}, description = "Max messages total size per channel (0 for unlimited)")
    ByteSize maxBytes = new ByteSize(ChannelLimits.DEFAULTS.maxBytes());

    @Option(names = {"-ma", "--max_age"}, description = "Max duration a message can be stored (\"0s\" for unlimited)")
    Duration maxAge = ChannelLimits.DEFAULTS.maxAge();

    @Option(names = {"-mi", "--max_inactivity"}, description = "Max inactivity (no new message, no subscription)"
            + " after which a channel can be garbage collected (0 for unlimited)")
    Duration maxInactivity = ChannelLimits.DEFAULTS.maxInactivity();

    @Option(names = {"-ns", "--nats_server"}, description = "Connect to this external NATS Server URL (embedded otherwise)")
    @ConfigKey(value = {"nats_server_url", "ns", "nats_server"}, scope = ConfigScope.STREAMING)
    String natsServer;

    @Option(names = {"-sc", "--stan_config"}, description = "Streaming server configuration file")
    Path configFile;

    @Option(names = {"-hbi", "--hb_interval"}, description = "Interval at which server sends heartbeat to a client")
    @ConfigKey(value = {"hb_interval", "hbi", "server_to_client_hb_interval"}, scope = ConfigScope.STREAMING)
    Duration heartbeatInterval = StreamingOptions.DEFAULT_HEARTBEAT_INTERVAL;

    @Option(names = {"-hbt", "--hb_timeout"}, description = "How long server waits for a heartbeat response")
    @ConfigKey(value = {"hb_timeout", "hbt", "server_to_client_hb_timeout"}, scope = ConfigScope.STREAMING)
    Duration heartbeatTimeout = StreamingOptions.DEFAULT_HEARTBEAT_TIMEOUT;

    @Option(names = {"-hbf", "--hb_fail_count"},
            description = "Number of failed heartbeats before server closes the client connection")
    @ConfigKey(value = {"hb_fail_count", "hbf", "server_to_client_hb_fail_count"}, scope = ConfigScope.STREAMING)
    int heartbeatFailCount = StreamingOptions.DEFAULT_HEARTBEAT_FAIL_COUNT;

    @Option(names = "--encrypt", arity = "0..1", description = "Specify if server should use encryption at rest")
    @ConfigKey(value = "encrypt", scope = ConfigScope.STREAMING)
    boolean encrypt;

    @Option(names = "--encryption_cipher",
            description = "Cipher to use for encryption: AES (AES-256-GCM) or CHACHA (ChaCha20-Poly1305)")
    @ConfigKey(value = "encryption_cipher", scope = ConfigScope.STREAMING)
    String encryptionCipher = EncryptionCipher.DEFAULT.name();

    @Option(names = "--encryption_key", description = "Encryption Key. It is recommended to specify it through the "
            + EncryptionAtRest.ENVIRONMENT_KEY + " environment variable instead")
    @ConfigKey(value = "encryption_key", scope = ConfigScope.STREAMING)
    String encryptionKey;

    @Option(names = "--replace_durable", arity = "0..1",
            description = "Replace the existing durable subscription instead of reporting a duplicate durable error")
    @ConfigKey(value = {"replace_durable", "replace_durables", "replace_duplicate_durable", "replace_duplicate_durables"},
            scope = ConfigScope.STREAMING)
    boolean replaceDurable;

    /** Per-channel limits, by channel name pattern; only a configuration file sets them. */
    private final Map<String, ChannelLimits> channelLimits = new LinkedHashMap<>();

    @Override
    public String heading() {
        return "Streaming Server Options";
    }

    @ConfigKey(value = {"store_limits", "limits", "storelimits"}, scope = ConfigScope.STREAMING, description =
            "max_channels (-mc), max_subs (-msu), max_msgs (-mm), max_bytes (-mb), max_age (-ma), max_inactivity (-mi),"
                    + " and per-channel limits: channels { \"foo.*\": { max_msgs: 1000 } } (see configuration.md)")
    List<String> storeLimits(ConfigBlock block) {
        StoreLimitsBlock limits = StoreLimitsBlock.read(block, maxChannels, globalLimits());
        maxChannels = limits.maxChannels();
        maxSubscriptions = limits.global().maxSubscriptions();
        maxMsgs = limits.global().maxMsgs();
        maxBytes = new ByteSize(limits.global().maxBytes());
        maxAge = limits.global().maxAge();
        maxInactivity = limits.global().maxInactivity();
        channelLimits.putAll(limits.channels());
        return limits.ignoredKeys();
    }

    /**
     * @param nats the embedded server's settings, whose credentials also serve for an external server
     * @param environment the process environment, for the encryption key
     */
    StreamingSettings settings(NatsServerOptions nats, NatsClientTls tls, FileStoreSection file, SqlStoreSection sql,
            String ftGroup, StreamingClusterSection clustering, Consumer<String> notes, Function<String, String> environment)
            throws UsageException {
        String type = storeType();
        if (type.equals(FileStore.TYPE) && dir == null) {
            throw new UsageException("the FILE store needs a directory (--dir)");
        }
        ClusterOptions cluster = clustering.options(type, dir, ftGroup, nats.host(), notes);
        if (ftGroup != null && type.equals(MemoryStore.TYPE)) {
            throw new UsageException("ft: only FILE and SQL stores are supported in FT mode (--ft_group with -st " + type + ")");
        }
        if (heartbeatFailCount < 0) {
            throw new UsageException("hb_fail_count cannot be negative (" + heartbeatFailCount + ")");
        }
        StreamingOptions engine = new StreamingOptions()
                .clusterId(clusterId)
                .storeLimits(storeLimits())
                .heartbeatInterval(positive("hb_interval", heartbeatInterval))
                .heartbeatTimeout(positive("hb_timeout", heartbeatTimeout))
                .heartbeatFailCount(heartbeatFailCount)
                .faultToleranceGroup(ftGroup)
                .replaceDurable(replaceDurable);
        FileStoreOptions fileStore = type.equals(FileStore.TYPE) ? file.options() : null;
        SqlStoreOptions sqlStore = type.equals(SqlStore.TYPE) ? sql.options(clustering.clustered(), notes) : null;
        StoreEncryption encryption = EncryptionAtRest.of(encrypt, encryptionCipher, encryptionKey,
                environment.apply(EncryptionAtRest.ENVIRONMENT_KEY), type);
        return new StreamingSettings(engine, type, type.equals(FileStore.TYPE) ? dir : null, fileStore, sqlStore, encryption,
                externalNats(nats, tls), ftGroup, cluster);
    }

    private String storeType() throws UsageException {
        String type = store.toUpperCase(Locale.ROOT);
        if (!type.equals(MemoryStore.TYPE) && !type.equals(FileStore.TYPE) && !type.equals(SqlStore.TYPE)) {
            throw new UsageException("unknown store type: " + store + " (expected MEMORY, FILE or SQL)");
        }
        return type;
    }

    private ChannelLimits globalLimits() {
        return new ChannelLimits(maxMsgs, maxBytes.bytes(), maxAge, maxSubscriptions, maxInactivity);
    }

    private StoreLimits storeLimits() throws UsageException {
        StoreLimits.Builder limits = StoreLimits.builder().maxChannels(maxChannels).global(globalLimits());
        channelLimits.forEach(limits::channel);
        try {
            return limits.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private ExternalNats externalNats(NatsServerOptions nats, NatsClientTls tls) throws UsageException {
        if (natsServer == null || natsServer.isBlank()) {
            return null;
        }
        if (nats.httpPort() != 0 || nats.httpsPort() != 0) {
            throw new UsageException("monitoring (-m, -ms) with an external NATS server (-ns) is not supported by jstan yet");
        }
        List<String> urls = Arrays.stream(natsServer.split(",")).map(String::trim).filter(url -> !url.isEmpty()).toList();
        for (String url : urls) {
            try {
                new NatsUri(url);
            } catch (URISyntaxException e) {
                throw new UsageException("invalid NATS server URL '" + url + "' (-ns)");
            }
        }
        return new ExternalNats(urls, nats.user(), nats.password(), nats.authToken(), tls);
    }

    private static Duration positive(String name, Duration duration) throws UsageException {
        if (duration.isNegative() || duration.isZero()) {
            throw new UsageException(name + " must be positive (" + GoDurationText.of(duration) + ")");
        }
        return duration;
    }
}
