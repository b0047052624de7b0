package io.jstan.broker.streaming;

import io.jstan.broker.nats.NatsServer;
import io.jstan.broker.nats.NatsServerOptions;
import io.jstan.store.Store;
import io.jstan.store.crypto.EncryptingStore;
import io.jstan.store.crypto.EncryptionCipher;
import io.jstan.store.crypto.EncryptionKey;
import io.jstan.store.crypto.StoreEncryption;
import io.jstan.store.file.FileStore;
import io.jstan.store.file.FileStoreOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The engine on a store that an {@link EncryptingStore} wrote. */
class EncryptedStoreTest {
    private static final StoreEncryption ENCRYPTION = new StoreEncryption(EncryptionCipher.AES, EncryptionKey.of("key"));

    @TempDir
    Path dir;

    private NatsServer nats;

    @BeforeEach
    void startNats() throws Exception {
        nats = new NatsServer(new NatsServerOptions().host("127.0.0.1").port(NatsServerOptions.RANDOM_PORT));
        nats.start();
    }

    @AfterEach
    void stopNats() {
        nats.close();
    }

    @Test
    void itRestartsWithItsKey() {
        serveOnceOn(encrypted());
        serveOnceOn(encrypted());
    }

    @Test
    void givenWithoutItsKeyItIsRefused() {
        serveOnceOn(encrypted());
        try (Store unencrypted = new FileStore(dir, FileStoreOptions.DEFAULTS)) {
            StreamingStartException refused = assertThrows(StreamingStartException.class,
                    () -> StreamingServer.start(nats.bus(), unencrypted, new StreamingOptions()));
            assertEquals("the store is encrypted: it is read only with its encryption key (--encrypt)", refused.getMessage());
        }
    }

    private Store encrypted() {
        return new EncryptingStore(new FileStore(dir, FileStoreOptions.DEFAULTS), ENCRYPTION);
    }

    private void serveOnceOn(Store store) {
        try (store) {
            StreamingServer.start(nats.bus(), store, new StreamingOptions()).close();
        }
    }
}
