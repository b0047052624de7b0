package io.jstan.store.file;

import io.jstan.store.Store;
import io.jstan.store.StoreContractTest;
import io.jstan.store.proto.MsgProto;
import java.nio.file.Path;

class FileStoreContractTest extends StoreContractTest {

    @Override
    protected Store openStore(Path dir) {
        return new FileStore(dir, FileStoreOptions.DEFAULTS);
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    /** As nats-streaming-server's FILE store: its record header and index entry on top of the message. */
    @Override
    protected long storedSize(MsgProto message) {
        return message.getSerializedSize() + 40;
    }
}
