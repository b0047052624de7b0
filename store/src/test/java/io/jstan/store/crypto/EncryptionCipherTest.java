package io.jstan.store.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EncryptionCipherTest {

    @Test
    void ciphersAreNamedInAnyCaseAesByDefault() {
        assertEquals(EncryptionCipher.AES, EncryptionCipher.named("aes"));
        assertEquals(EncryptionCipher.CHACHA, EncryptionCipher.named("ChaCha"));
        assertEquals(EncryptionCipher.AES, EncryptionCipher.named(""));
        assertEquals("encryption cipher not supported: CHACHA20 (AES or CHACHA)",
                assertThrows(IllegalArgumentException.class, () -> EncryptionCipher.named("CHACHA20")).getMessage());
    }
}
