package io.jstan.store.crypto;

import java.util.Objects;

/** How an {@link EncryptingStore} encrypts: the cipher of new payloads and the key of all of them. */
public record StoreEncryption(EncryptionCipher cipher, EncryptionKey key) {

    public StoreEncryption {
        Objects.requireNonNull(cipher);
        Objects.requireNonNull(key);
    }
}
