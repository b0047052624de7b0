package io.jstan.store.crypto;

import com.google.protobuf.ByteString;
import io.jstan.store.Store;
import io.jstan.store.StoreContractTest;
import io.jstan.store.file.FileStore;
import io.jstan.store.file.FileStoreOptions;
import io.jstan.store.proto.MsgProto;
import java.nio.file.Path;

class EncryptingFileStoreContractTest extends StoreContractTest {
    /** The cipher code, the nonce and the tag that a sealed payload has more than its plaintext. */
    private static final int SEALING_OVERHEAD = 1 + 12 + 16;
    private static final int FILE_STORE_OVERHEAD = 40;

    protected EncryptionCipher cipher() {
        return EncryptionCipher.AES;
    }

    @Override
    protected Store openStore(Path dir) {
        return new EncryptingStore(new FileStore(dir, FileStoreOptions.DEFAULTS),
                new StoreEncryption(cipher(), EncryptionKey.of("contract key")));
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    /** The message as stored, its payload sealed, plus the FILE store's 40 bytes of record header and index entry. */
    @Override
    protected long storedSize(MsgProto message) {
        if (message.getData().isEmpty()) {
            return message.getSerializedSize() + FILE_STORE_OVERHEAD;
        }
        ByteString sealed = ByteString.copyFrom(new byte[message.getData().size() + SEALING_OVERHEAD]);
        return message.toBuilder().setData(sealed).build().getSerializedSize() + FILE_STORE_OVERHEAD;
    }
}
