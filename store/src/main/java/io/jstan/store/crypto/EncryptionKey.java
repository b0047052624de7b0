package io.jstan.store.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The 256-bit key derived from the user's encryption key, as nats-streaming-server derives it: the
 * SHA-256 of the key's bytes; each channel encrypts with a key of its own, the SHA-256 of that hash,
 * a dot and the channel's name. Neither the user's key nor a derived one is ever stored.
 */
public final class EncryptionKey {
    private final byte[] hash;

    private EncryptionKey(byte[] hash) {
        this.hash = hash;
    }

    /** @throws IllegalArgumentException on an empty key */
    public static EncryptionKey of(String userKey) {
        if (userKey == null || userKey.isEmpty()) {
            throw new IllegalArgumentException("encryption key required");
        }
        return new EncryptionKey(sha256(userKey.getBytes(StandardCharsets.UTF_8)));
    }

    /** The key of the store's own records (its key check). */
    byte[] storeKey() {
        return hash.clone();
    }

    byte[] channelKey(String channel) {
        byte[] name = channel.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[hash.length + 1 + name.length];
        System.arraycopy(hash, 0, input, 0, hash.length);
        input[hash.length] = '.';
        System.arraycopy(name, 0, input, hash.length + 1, name.length);
        return sha256(input);
    }

    /**
     * The key nats-streaming-server 0.25's CryptoStore gives a channel, to read its stores: the
     * SHA-256 of as many zero bytes as the hash, a dot and the name take, followed by the hash, a dot
     * and the name (its code appends them to a buffer made that long, rather than filling it).
     * Not {@link #channelKey}, which jstan's own stores use.
     */
    byte[] natsStreamingChannelKey(String channel) {
        byte[] name = channel.getBytes(StandardCharsets.UTF_8);
        int length = hash.length + 1 + name.length;
        byte[] input = new byte[2 * length];
        System.arraycopy(hash, 0, input, length, hash.length);
        input[length + hash.length] = '.';
        System.arraycopy(name, 0, input, length + hash.length + 1, name.length);
        return sha256(input);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptionKey key && MessageDigest.isEqual(hash, key.hash);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "EncryptionKey[hidden]";
    }
}
