package io.jstan.cli.options;

import io.jstan.broker.cluster.ClusterOptions;
import io.jstan.broker.streaming.StreamingOptions;
import io.jstan.store.crypto.StoreEncryption;
import io.jstan.store.file.FileStoreOptions;

import java.nio.file.Path;

/**
 * What the streaming server needs, from the command line and the configuration files.
 *
 * @param storeType MEMORY or FILE
 * @param dir the FILE store's directory; null for MEMORY
 * @param encryption how the FILE store encrypts payloads; null when it does not
 * @param externalNats the NATS server to serve through (-ns); null to serve through the embedded one
 * @param ftGroup the fault-tolerance group this server stands by in; null when in none
 * @param cluster how this node takes part in a cluster; null when not clustered
 */
public record StreamingSettings(StreamingOptions engine, String storeType, Path dir, FileStoreOptions fileStore,
                                StoreEncryption encryption, ExternalNats externalNats, String ftGroup,
                                ClusterOptions cluster) {
}
