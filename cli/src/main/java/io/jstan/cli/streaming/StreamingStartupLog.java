package io.jstan.cli.streaming;

import io.jstan.cli.logging.LogLevels;
import io.jstan.store.StoreLimits;
import io.jstan.store.crypto.StoreEncryption;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The streaming server's startup lines, in nats-streaming-server's words; its logger's lines start with {@code STREAM: }. */
public final class StreamingStartupLog {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingStartupLog.class);

    private StreamingStartupLog() {
    }

    public static void starting(String clusterId, String version) {
        LOG.info("Starting jstan[{}] version {}", clusterId, version);
        LOG.info("Java version: {} ({})", Runtime.version(), System.getProperty("java.vendor"));
    }

    /** The store's type, its encryption (null for none) and its limits, once the engine has started on it. */
    public static void storeInUse(String storeType, Path location, StoreEncryption encryption, StoreLimits limits) {
        LOG.info("Message store is {}", storeType);
        if (location != null) {
            LOG.info("Store location: {}", location);
        }
        if (encryption != null) {
            LOG.info("Encryption: {}", encryption.cipher());
        }
        StoreLimitsTable.lines(limits).forEach(LOG::info);
    }

    public static void ready() {
        LOG.info("Streaming Server is ready");
    }

    public static void failed(String reason) {
        LOG.error(LogLevels.FATAL, "Failed to start: {}", reason);
    }
}
