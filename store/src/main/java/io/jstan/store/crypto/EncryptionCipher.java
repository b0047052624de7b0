package io.jstan.store.crypto;

import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AEAD ciphers of the JDK that encrypt payloads at rest, with a 256-bit key, a 12-byte nonce and
 * a 16-byte authentication tag. Each has the code nats-streaming-server gives it, written before
 * every sealed payload, so that a store keeps reading what it sealed with the other cipher.
 */
public enum EncryptionCipher {
    /** AES-256-GCM: the default, as the JDK runs it on the processor's AES instructions (x86-64 and ARMv8). */
    AES((byte) 1, "AES/GCM/NoPadding", "AES") {
        /**
         * Cipher.getInstance costs twice the encryption of a small payload, so each thread keeps
         * one; a GCM cipher takes any nonce again except the last one it encrypted with.
         */
        private final ThreadLocal<Cipher> perThread = ThreadLocal.withInitial(this::newCipher);

        @Override
        Cipher cipher() {
            return perThread.get();
        }

        @Override
        AlgorithmParameterSpec parameters(byte[] nonce) {
            return new GCMParameterSpec(TAG_BYTES * 8, nonce);
        }
    },
    /** ChaCha20-Poly1305, for processors without AES instructions. */
    CHACHA((byte) 2, "ChaCha20-Poly1305", "ChaCha20") {
        /** A new one each time: a ChaCha20 cipher refuses its last key and nonce, which reading a message twice gives it. */
        @Override
        Cipher cipher() {
            return newCipher();
        }

        @Override
        AlgorithmParameterSpec parameters(byte[] nonce) {
            return new IvParameterSpec(nonce);
        }
    };

    public static final EncryptionCipher DEFAULT = AES;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;

    private final byte code;
    private final String transformation;
    private final String keyAlgorithm;

    EncryptionCipher(byte code, String transformation, String keyAlgorithm) {
        this.code = code;
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
    }

    /**
     * The cipher of that name, in any case (AES or CHACHA); blank is the default.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static EncryptionCipher named(String name) {
        if (name == null || name.isBlank()) {
            return DEFAULT;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("encryption cipher not supported: " + name + " (AES or CHACHA)");
        }
    }

    static Optional<EncryptionCipher> withCode(byte code) {
        for (EncryptionCipher cipher : values()) {
            if (cipher.code == code) {
                return Optional.of(cipher);
            }
        }
        return Optional.empty();
    }

    byte code() {
        return code;
    }

    /** A cipher ready to encrypt or decrypt ({@link Cipher#ENCRYPT_MODE}, {@link Cipher#DECRYPT_MODE}) one payload. */
    Cipher initialized(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = cipher();
        cipher.init(mode, new SecretKeySpec(key, keyAlgorithm), parameters(nonce));
        return cipher;
    }

    abstract Cipher cipher();

    abstract AlgorithmParameterSpec parameters(byte[] nonce);

    Cipher newCipher() {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK 17 has " + transformation, e);
        }
    }
}
