package io.jstan.store.crypto;

import java.security.GeneralSecurityException;

/**
 * Opens the stored payloads of one channel of a nats-streaming-server store as its CryptoStore reads
 * them, for a migration: a payload starting with a cipher's code is decrypted with the key
 * nats-streaming-server gives the channel ({@link EncryptionKey#natsStreamingChannelKey}), whichever
 * cipher sealed it; any other was stored unencrypted and is returned as it is.
 */
public final class ChannelPayloads {
    private final PayloadSealer sealer;

    private ChannelPayloads(PayloadSealer sealer) {
        this.sealer = sealer;
    }

    public static ChannelPayloads of(EncryptionKey key, String channel) {
        return new ChannelPayloads(new PayloadSealer(EncryptionCipher.DEFAULT, key.natsStreamingChannelKey(channel)));
    }

    /** @throws GeneralSecurityException when the payload was sealed with another key, or altered */
    public byte[] open(byte[] stored) throws GeneralSecurityException {
        if (stored.length == 0 || EncryptionCipher.withCode(stored[0]).isEmpty()) {
            return stored;
        }
        return sealer.open(stored);
    }
}
