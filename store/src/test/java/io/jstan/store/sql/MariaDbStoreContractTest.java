package io.jstan.store.sql;

class MariaDbStoreContractTest extends SqlStoreContractTest {

    @Override
    protected TestDatabaseServer server() {
        return MariaDbTestServer.shared();
    }
}
