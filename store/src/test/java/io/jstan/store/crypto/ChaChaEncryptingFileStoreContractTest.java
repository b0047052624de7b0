package io.jstan.store.crypto;

class ChaChaEncryptingFileStoreContractTest extends EncryptingFileStoreContractTest {

    @Override
    protected EncryptionCipher cipher() {
        return EncryptionCipher.CHACHA;
    }
}
