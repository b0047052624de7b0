package io.jstan.broker.streaming;

import io.jstan.store.StoreLimits;

import java.time.Duration;

/**
 * Settings of the streaming engine, with nats-streaming-server's names and defaults. A plain
 * mutable holder filled by the command line and config file; the engine reads it once when it
 * starts.
 */
public final class StreamingOptions {
    public static final String DEFAULT_CLUSTER_ID = "test-cluster";
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_HEARTBEAT_FAIL_COUNT = 10;
    /** How long a registered client has to answer before a connect with its ID replaces it. */
    public static final Duration DEFAULT_DUPLICATE_CHECK_TIMEOUT = Duration.ofMillis(500);

    private String clusterId = DEFAULT_CLUSTER_ID;
    private StoreLimits storeLimits = StoreLimits.DEFAULTS;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private Duration heartbeatTimeout = DEFAULT_HEARTBEAT_TIMEOUT;
    private int heartbeatFailCount = DEFAULT_HEARTBEAT_FAIL_COUNT;
    private Duration duplicateCheckTimeout = DEFAULT_DUPLICATE_CHECK_TIMEOUT;
    private String faultToleranceGroup;
    private boolean replaceDurable;

    public String clusterId() { return clusterId; }
    public StreamingOptions clusterId(String clusterId) { this.clusterId = clusterId; return this; }

    /** The limits given to the store: max channels, channel limits and per-channel overrides. */
    public StoreLimits storeLimits() { return storeLimits; }
    public StreamingOptions storeLimits(StoreLimits storeLimits) { this.storeLimits = storeLimits; return this; }

    /** How often each client's heartbeat inbox is pinged (--hb_interval). */
    public Duration heartbeatInterval() { return heartbeatInterval; }
    public StreamingOptions heartbeatInterval(Duration value) { this.heartbeatInterval = value; return this; }

    /** How long a heartbeat waits for its answer (--hb_timeout). */
    public Duration heartbeatTimeout() { return heartbeatTimeout; }
    public StreamingOptions heartbeatTimeout(Duration value) { this.heartbeatTimeout = value; return this; }

    /** Heartbeats missed in a row after which a client is removed (--hb_fail_count). */
    public int heartbeatFailCount() { return heartbeatFailCount; }
    public StreamingOptions heartbeatFailCount(int value) { this.heartbeatFailCount = value; return this; }

    /** The fault-tolerance group this server became active in (--ft_group); null when in none. */
    public String faultToleranceGroup() { return faultToleranceGroup; }
    public StreamingOptions faultToleranceGroup(String group) { this.faultToleranceGroup = group; return this; }

    /**
     * Whether a durable subscribe naming a durable of the same client that is still online closes
     * it and takes its place, rather than failing as a duplicate (--replace_durable).
     */
    public boolean replaceDurable() { return replaceDurable; }
    public StreamingOptions replaceDurable(boolean value) { this.replaceDurable = value; return this; }

    public Duration duplicateCheckTimeout() { return duplicateCheckTimeout; }
    public StreamingOptions duplicateCheckTimeout(Duration value) { this.duplicateCheckTimeout = value; return this; }
}
