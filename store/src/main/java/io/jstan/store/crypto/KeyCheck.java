package io.jstan.store.crypto;

import com.google.protobuf.ByteString;
import io.jstan.store.StoreException;
import io.jstan.store.proto.ServerInfo;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Whether a key is the one a store was encrypted with, told at recovery before any message is read:
 * a known text sealed with the store's key, kept in the stored {@link ServerInfo}
 * ({@code EncryptionKeyCheck}). Only that key opens it: with any other, its tag does not match.
 */
final class KeyCheck {
    private static final byte[] KNOWN_TEXT = "jstan encryption key check".getBytes(StandardCharsets.US_ASCII);

    private KeyCheck() {
    }

    static ServerInfo addedTo(ServerInfo info, PayloadSealer storeSealer) {
        return info.toBuilder().setEncryptionKeyCheck(ByteString.copyFrom(storeSealer.seal(KNOWN_TEXT))).build();
    }

    /**
     * @return {@code info} without the check, as the engine gave it
     * @throws StoreException {@link StoreException.Kind#FAILED} when the store was written without
     *     encryption, or with another key
     */
    static ServerInfo verifiedAndRemoved(ServerInfo info, PayloadSealer storeSealer) {
        if (info.getEncryptionKeyCheck().isEmpty()) {
            throw failed("the store was written without encryption: encryption at rest is chosen when a store is created");
        }
        try {
            storeSealer.open(info.getEncryptionKeyCheck().toByteArray());
        } catch (GeneralSecurityException e) {
            throw failed("wrong encryption key: the store was encrypted with another key");
        }
        return info.toBuilder().clearEncryptionKeyCheck().build();
    }

    private static StoreException failed(String message) {
        return new StoreException(StoreException.Kind.FAILED, message, null);
    }
}
