package io.jstan.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jstan.store.MessageStore;
import io.jstan.store.RecoveredState;
import io.jstan.store.RecoveredSubscription;
import io.jstan.store.Store;
import io.jstan.store.StoreException;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.MsgProto;
import io.jstan.store.proto.ServerInfo;
import io.jstan.store.proto.SubState;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the SQL store does with databases it did not create: nats-streaming-server's schema and rows. */
class SqlStoreTest {
    private static final ServerInfo SERVER_INFO = ServerInfo.newBuilder().setClusterID("test-cluster").build();

    static Stream<TestDatabaseServer> servers() {
        return Stream.of(PostgresTestServer.shared(), MariaDbTestServer.shared());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void tablesMadeByTheScriptsAreUsedAndUpdated(TestDatabaseServer server) throws SQLException {
        SqlStoreOptions database = server.newDatabase();
        TestDatabaseServer.execute(database, NatsStreamingServerSchema.before0100(server.dialect()));
        ClientInfo client = ClientInfo.newBuilder().setID("me").setHbInbox("hb").setProtocol(1).setPingInterval(5).build();
        try (Store store = new SqlStore(database)) {
            assertTrue(store.recover().isEmpty());
            store.init(SERVER_INFO);
            store.addClient(client);
        }
        try (Store store = new SqlStore(database)) {
            assertEquals(List.of(client), store.recover().orElseThrow().clients());
        }
    }

    /** A server takes the lock before it reads the store: on a new database, the lock's table comes first. */
    @ParameterizedTest
    @MethodSource("servers")
    void theLockIsTakenBeforeAnythingIsRead(TestDatabaseServer server) {
        try (Store store = new SqlStore(server.newDatabase())) {
            assertTrue(store.tryExclusiveLock());
            assertTrue(store.recover().isEmpty());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void anotherSchemaVersionIsRefused(TestDatabaseServer server) throws SQLException {
        SqlStoreOptions database = server.newDatabase();
        try (Store store = new SqlStore(database)) {
            store.recover();
            store.init(SERVER_INFO);
        }
        TestDatabaseServer.execute(database, List.of("UPDATE ServerInfo SET version=2"));
        try (Store store = new SqlStore(database)) {
            StoreException refused = assertThrows(StoreException.class, store::recover);
            assertEquals("sql: unsupported version: 2 (supports [1..1])", refused.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void channelsWithoutServerInfoAreRefused(TestDatabaseServer server) throws SQLException {
        SqlStoreOptions database = server.newDatabase();
        try (Store store = new SqlStore(database)) {
            store.recover();
            store.createChannel("foo");
        }
        try (Store store = new SqlStore(database)) {
            StoreException refused = assertThrows(StoreException.class, store::recover);
            assertEquals("no server state recovered but channels present", refused.getMessage());
        }
    }

    /**
     * nats-streaming-server's cache writes a row per flush: the sequences sent and those
     * acknowledged as JSON arrays, and the subscription's last sent; rows marked deleted are what
     * its deferred deletions left.
     */
    @ParameterizedTest
    @MethodSource("servers")
    void rowsOfNatsStreamingServersCacheAreRecoveredAndRewritten(TestDatabaseServer server) throws SQLException {
        SqlStoreOptions database = server.newDatabase();
        SubState sub = SubState.newBuilder().setID(4).setClientID("me").setInbox("in").setAckInbox("ack")
                .setDurableName("dur").setIsDurable(true).setMaxInFlight(10).setAckWaitInSecs(30).build();
        try (Store store = new SqlStore(database)) {
            store.recover();
            store.init(SERVER_INFO);
            store.createChannel("foo");
        }
        String row = server.dialect().row();
        try (Connection connection = TestDatabaseServer.connect(database)) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO Subscriptions (id, subid, lastsent, proto) VALUES (1, 4, 0, ?)")) {
                insert.setBytes(1, sub.toByteArray());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO SubsPending (subid, " + row + ", lastsent, pending, acks) VALUES (4, ?, ?, ?, ?)")) {
                pendingRow(insert, 1, 3, "[1,2,3]", null);
                pendingRow(insert, 2, 5, "[4,5]", "[2,1]");
                pendingRow(insert, 3, 5, null, "[4]");
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO Channels (id, name, deleted) VALUES (7, 'gone', TRUE)");
                statement.execute("INSERT INTO Subscriptions (id, subid, proto, deleted) VALUES (1, 9, NULL, TRUE)");
            }
        }

        for (int run = 0; run < 2; run++) {
            try (Store store = new SqlStore(database)) {
                RecoveredState state = store.recover().orElseThrow();
                assertEquals(Set.of("foo"), state.channels().keySet());
                List<RecoveredSubscription> subs = state.channels().get("foo").subscriptions();
                assertEquals(1, subs.size());
                assertEquals(sub.toBuilder().setLastSent(5).build(), subs.get(0).state());
                assertEquals(new TreeSet<>(List.of(3L, 5L)), subs.get(0).pending());
                assertEquals(6, store.channel("foo").orElseThrow().messages().firstSequence(), "after the sequences sent");
            }
        }
    }

    /**
     * Sent and acknowledged sequences are written as nats-streaming-server's cache writes them, a row
     * per batch, and a row goes once nothing in it is needed: a subscription keeping up leaves no row.
     */
    @ParameterizedTest
    @MethodSource("servers")
    void pendingRowsAreWrittenABatchARowAndDeletedOnceAcknowledged(TestDatabaseServer server) throws SQLException {
        SqlStoreOptions database = server.newDatabase();
        SubState sub = SubState.newBuilder().setID(4).setClientID("me").setInbox("in").setAckInbox("ack")
                .setMaxInFlight(1000).setAckWaitInSecs(30).build();
        try (Store store = new SqlStore(database)) {
            store.recover();
            store.init(SERVER_INFO);
            store.createChannel("foo").subscriptions().create(sub);
            store.channel("foo").orElseThrow().subscriptions().recordSent(4, new long[] {1, 2, 3, 4});
            store.channel("foo").orElseThrow().subscriptions().recordAcked(4, new long[] {2, 1});
            store.flush();
            assertEquals(List.of("0 4 [1,2,3,4] null", "0 4 null [2,1]"), pendingRows(database, server.dialect()));

            store.channel("foo").orElseThrow().subscriptions().recordAcked(4, new long[] {3, 4});
            store.channel("foo").orElseThrow().subscriptions().recordSent(4, new long[] {5, 6});
            store.flush();
            assertEquals(List.of("0 6 [5,6] null"), pendingRows(database, server.dialect()));
        }
        try (Store store = new SqlStore(database)) {
            RecoveredSubscription recovered = store.recover().orElseThrow().channels().get("foo").subscriptions().get(0);
            assertEquals(new TreeSet<>(List.of(5L, 6L)), recovered.pending());
            assertEquals(6, recovered.state().getLastSent());
            store.channel("foo").orElseThrow().subscriptions().recordAcked(4, new long[] {5, 6});
            store.flush();
            assertEquals(List.of(), pendingRows(database, server.dialect()));
        }
    }

    /** A subscriber further behind than the cache of recent messages reads the stored ones, whole and in order. */
    @ParameterizedTest
    @MethodSource("servers")
    void messagesOlderThanTheCacheAreReadFromTheDatabase(TestDatabaseServer server) {
        byte[] payload = new byte[2048];
        try (Store store = new SqlStore(server.newDatabase())) {
            store.recover();
            store.init(SERVER_INFO);
            MessageStore messages = store.createChannel("foo").messages();
            for (int batch = 0; batch < 30; batch++) {
                List<MsgProto> appended = new ArrayList<>();
                for (int i = 1; i <= 100; i++) {
                    long sequence = batch * 100L + i;
                    payload[0] = (byte) sequence;
                    appended.add(MsgProto.newBuilder().setSequence(sequence).setSubject("foo").setTimestamp(sequence)
                            .setData(ByteString.copyFrom(payload)).build());
                }
                messages.append(appended);
            }
            store.flush();
            for (long sequence = 1; sequence <= 3000; sequence++) {
                MsgProto message = messages.lookup(sequence).orElseThrow();
                assertEquals(sequence, message.getSequence());
                assertEquals((byte) sequence, message.getData().byteAt(0));
            }
            messages.removeUpTo(10);
            assertTrue(messages.lookup(5).isEmpty(), "a removed message is not read from what was read before");
            assertEquals(11, messages.lookup(11).orElseThrow().getSequence());
            assertTrue(messages.lookup(3001).isEmpty());
        }
    }

    /** The subscription's SubsPending rows in row order: seq, lastsent, pending and acks. */
    private static List<String> pendingRows(SqlStoreOptions database, SqlDialect dialect) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = TestDatabaseServer.connect(database);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "SELECT seq, lastsent, pending, acks FROM SubsPending ORDER BY " + dialect.row())) {
            while (result.next()) {
                rows.add(result.getLong(1) + " " + result.getLong(2) + " " + text(result.getBytes(3)) + " " + text(result.getBytes(4)));
            }
        }
        return rows;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.US_ASCII);
    }

    private static void pendingRow(PreparedStatement insert, long row, long lastSent, String pending, String acks)
            throws SQLException {
        insert.setLong(1, row);
        insert.setLong(2, lastSent);
        insert.setBytes(3, pending == null ? null : pending.getBytes());
        insert.setBytes(4, acks == null ? null : acks.getBytes());
        insert.executeUpdate();
    }
}
