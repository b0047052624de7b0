package io.jstan.store.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class EncryptionKeyTest {

    @Test
    void keysAreDerivedAsNatsStreamingServerDerivesThem() throws Exception {
        byte[] keyHash = MessageDigest.getInstance("SHA-256").digest("secret".getBytes(StandardCharsets.UTF_8));
        MessageDigest channel = MessageDigest.getInstance("SHA-256");
        channel.update(keyHash);
        channel.update(".orders".getBytes(StandardCharsets.UTF_8));

        EncryptionKey key = EncryptionKey.of("secret");
        assertArrayEquals(keyHash, key.storeKey());
        assertArrayEquals(channel.digest(), key.channelKey("orders"));
    }

    @Test
    void equalOnlyForTheSameKey() {
        assertEquals(EncryptionKey.of("secret"), EncryptionKey.of("secret"));
        assertNotEquals(EncryptionKey.of("secret"), EncryptionKey.of("Secret"));
        assertEquals("EncryptionKey[hidden]", EncryptionKey.of("secret").toString());
    }

    @Test
    void anEmptyKeyIsRefused() {
        assertEquals("encryption key required", assertThrows(IllegalArgumentException.class, () -> EncryptionKey.of("")).getMessage());
    }
}
