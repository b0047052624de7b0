package io.jstan.store.sql;

class PostgresStoreContractTest extends SqlStoreContractTest {

    @Override
    protected TestDatabaseServer server() {
        return PostgresTestServer.shared();
    }
}
