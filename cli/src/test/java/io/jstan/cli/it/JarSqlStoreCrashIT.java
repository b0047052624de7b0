package io.jstan.cli.it;

import io.jstan.store.sql.MariaDbTestServer;
import io.jstan.store.sql.PostgresTestServer;
import io.jstan.store.sql.SqlStoreOptions;
import io.jstan.store.sql.TestDatabaseServer;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * The SQL store keeps what it acknowledged through {@code kill -9}, a few times over one database
 * ({@link RepeatedKills}; each restart waits for the killed server's lock to stand still, as
 * nats-streaming-server's does).
 */
@Timeout(600)
class JarSqlStoreCrashIT {
    private static final int CYCLES = 3;

    static Stream<TestDatabaseServer> servers() {
        return Stream.of(PostgresTestServer.shared(), MariaDbTestServer.shared());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void everyAcknowledgedMessageSurvivesRepeatedKills(TestDatabaseServer server) throws Exception {
        SqlStoreOptions database = server.newDatabase();
        RepeatedKills.everyAcknowledgedMessageSurvives(CYCLES, () -> JstanJar.localStreaming("-st", "SQL", "--sql_driver",
                server.dialect().driverName(), "--sql_source", server.natsStreamingSource(database)));
    }
}
