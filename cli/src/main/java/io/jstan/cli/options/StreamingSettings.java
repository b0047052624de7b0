package io.jstan.cli.options;

import io.jstan.broker.cluster.ClusterOptions;
import io.jstan.broker.streaming.StreamingOptions;
import io.jstan.store.crypto.StoreEncryption;
import io.jstan.store.file.FileStoreOptions;
import io.jstan.store.sql.SqlStoreOptions;

import java.nio.file.Path;

/**
 * What the streaming server needs, from the command line and the configuration files.
 *
 * @param storeType MEMORY, FILE or SQL
 * @param dir the FILE store's directory; null for the others
 * @param sqlStore the SQL store's database and options; null for the others
 * @param encryption how the FILE or SQL store encrypts payloads; null when it does not
 * @param externalNats the NATS server to serve through (-ns); null to serve through the embedded one
 * @param ftGroup the fault-tolerance group this server stands by in; null when in none
 * @param cluster how this node takes part in a cluster; null when not clustered
 */
public record StreamingSettings(StreamingOptions engine, String storeType, Path dir, FileStoreOptions fileStore,
                                SqlStoreOptions sqlStore, StoreEncryption encryption, ExternalNats externalNats, String ftGroup,
                                ClusterOptions cluster) {
}
