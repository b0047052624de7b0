package io.jstan.store.file;

import io.jstan.store.Store;
import io.jstan.store.StoreContractTest;
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
}
