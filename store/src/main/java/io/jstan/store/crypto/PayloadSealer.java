package io.jstan.store.crypto;

import io.jstan.store.StoreException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;

/**
 * Encrypts and authenticates payloads with one key. A sealed payload is the cipher's code (1 byte),
 * a random nonce (12 bytes), then the ciphertext with its tag (16 bytes): {@value #OVERHEAD} bytes
 * more than the plaintext. Opening takes the cipher from the code, so payloads sealed with either
 * cipher open.
 */
final class PayloadSealer {
    static final int OVERHEAD = 1 + EncryptionCipher.NONCE_BYTES + EncryptionCipher.TAG_BYTES;

    private static final int NONCE_OFFSET = 1;
    private static final int CIPHERTEXT_OFFSET = NONCE_OFFSET + EncryptionCipher.NONCE_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EncryptionCipher cipher;
    private final byte[] key;

    PayloadSealer(EncryptionCipher cipher, byte[] key) {
        this.cipher = cipher;
        this.key = key;
    }

    byte[] seal(byte[] plaintext) {
        byte[] nonce = new byte[EncryptionCipher.NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = new byte[OVERHEAD + plaintext.length];
        sealed[0] = cipher.code();
        System.arraycopy(nonce, 0, sealed, NONCE_OFFSET, nonce.length);
        try {
            cipher.initialized(Cipher.ENCRYPT_MODE, key, nonce)
                    .doFinal(plaintext, 0, plaintext.length, sealed, CIPHERTEXT_OFFSET);
        } catch (GeneralSecurityException e) {
            throw new StoreException(StoreException.Kind.FAILED, "cannot encrypt with " + cipher + ": " + e, e);
        }
        return sealed;
    }

    /** @throws GeneralSecurityException when the payload was not sealed with this key, or was altered */
    byte[] open(byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < OVERHEAD) {
            throw new GeneralSecurityException("too short to be encrypted (" + sealed.length + " bytes)");
        }
        EncryptionCipher sealedWith = EncryptionCipher.withCode(sealed[0])
                .orElseThrow(() -> new GeneralSecurityException("unknown cipher code " + sealed[0]));
        byte[] nonce = new byte[EncryptionCipher.NONCE_BYTES];
        System.arraycopy(sealed, NONCE_OFFSET, nonce, 0, nonce.length);
        return sealedWith.initialized(Cipher.DECRYPT_MODE, key, nonce)
                .doFinal(sealed, CIPHERTEXT_OFFSET, sealed.length - CIPHERTEXT_OFFSET);
    }
}
