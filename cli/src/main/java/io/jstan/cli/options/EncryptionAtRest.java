package io.jstan.cli.options;

import io.jstan.store.crypto.EncryptionCipher;
import io.jstan.store.crypto.EncryptionKey;
import io.jstan.store.crypto.StoreEncryption;
import io.jstan.store.memory.MemoryStore;

/**
 * Reads {@code --encrypt}, {@code --encryption_cipher}, {@code --encryption_key} and the
 * {@value #ENVIRONMENT_KEY} environment variable as nats-streaming-server reads them: a key given
 * by flag or file turns encryption on by itself, and the environment variable, when set, wins over
 * that key (it turns nothing on alone).
 */
final class EncryptionAtRest {
    static final String ENVIRONMENT_KEY = "NATS_STREAMING_ENCRYPTION_KEY";

    private EncryptionAtRest() {
    }

    /** @return null when no encryption is asked for */
    static StoreEncryption of(boolean encrypt, String cipher, String key, String environmentKey, String storeType)
            throws UsageException {
        if (!encrypt && isEmpty(key)) {
            return null;
        }
        if (storeType.equals(MemoryStore.TYPE)) {
            throw new UsageException("encryption at rest (--encrypt) needs a FILE or SQL store: a " + storeType
                    + " store writes nothing to disk");
        }
        EncryptionCipher chosen;
        try {
            chosen = EncryptionCipher.named(cipher);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        String effectiveKey = isEmpty(environmentKey) ? key : environmentKey;
        if (isEmpty(effectiveKey)) {
            throw new UsageException("encryption key required (--encryption_key, or the " + ENVIRONMENT_KEY
                    + " environment variable)");
        }
        return new StoreEncryption(chosen, EncryptionKey.of(effectiveKey));
    }

    private static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }
}
