package io.jstan.cli.it;

import io.jstan.store.DirectoryScan;

import io.jstan.broker.testing.StanClients;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.jstan.broker.testing.StanClients.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A FILE store with --encrypt: no published payload under --dir, and only the right key reads it back. */
@Timeout(120)
class JarEncryptionIT {
    private static final String MARKER = "jar-plaintext-marker-83c1e0a5";

    @TempDir
    Path dir;

    @Test
    void thePayloadIsEncryptedOnDiskAndReadBackWithTheRightKeyOnly() throws Exception {
        try (JstanJar jstan = encrypted("the key"); StreamingConnection client = jstan.stanClients().connect()) {
            assertTrue(jstan.output().contains("STREAM: Encryption: AES"), jstan.output());
            client.publish("secrets", bytes(MARKER));
        }
        assertEquals(List.of(), DirectoryScan.filesHolding(dir, MARKER));

        try (JstanJar wrongKey = JstanJar.launch("-a", "127.0.0.1", "-p", "-1", "-st", "FILE", "--dir", dir.toString(),
                "--encrypt", "--encryption_key", "another key")) {
            assertEquals(1, wrongKey.awaitExit(JstanJar.START_DEADLINE));
            assertTrue(wrongKey.output().contains("wrong encryption key: the store was encrypted with another key"),
                    wrongKey.output());
        }
        try (JstanJar noKey = JstanJar.launch("-a", "127.0.0.1", "-p", "-1", "-st", "FILE", "--dir", dir.toString())) {
            assertEquals(1, noKey.awaitExit(JstanJar.START_DEADLINE));
            assertTrue(noKey.output().contains("the store is encrypted: it is read only with its encryption key"),
                    noKey.output());
        }

        try (JstanJar jstan = encrypted("the key"); StreamingConnection client = jstan.stanClients().connect()) {
            StanClients.Received all = new StanClients.Received();
            client.subscribe("secrets", all, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            all.await(1);
            assertEquals(List.of(MARKER), all.texts());
        }
    }

    private JstanJar encrypted(String key) throws Exception {
        return JstanJar.localStreaming("-st", "FILE", "--dir", dir.toString(), "--encrypt", "--encryption_key", key);
    }
}
