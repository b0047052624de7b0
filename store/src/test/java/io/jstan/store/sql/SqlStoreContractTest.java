package io.jstan.store.sql;

import io.jstan.store.Store;
import io.jstan.store.StoreContractTest;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Store contract on a database server; each test has a database of its own, found again by its directory on reopen. */
abstract class SqlStoreContractTest extends StoreContractTest {

    private static final Map<Path, SqlStoreOptions> DATABASES = new ConcurrentHashMap<>();

    protected abstract TestDatabaseServer server();

    @Override
    protected Store openStore(Path dir) {
        return new SqlStore(DATABASES.computeIfAbsent(dir, ignored -> server().newDatabase()));
    }

    @Override
    protected boolean persistent() {
        return true;
    }
}
