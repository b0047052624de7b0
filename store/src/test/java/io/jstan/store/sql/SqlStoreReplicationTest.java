package io.jstan.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jstan.store.MessageStore;
import io.jstan.store.RecoveredState;
import io.jstan.store.Store;
import io.jstan.store.StoreException;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.MsgProto;
import io.jstan.store.proto.ServerInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a clustered node needs of its SQL store beyond the Store contract's clustering part
 * (docs/clustering.md), on PostgreSQL and MariaDB: the applied index committed with the changes it
 * covers, in a table of jstan's that only a clustered node creates, and snapshots copied whole and
 * checked.
 */
class SqlStoreReplicationTest {
    private static final ServerInfo SERVER_INFO = ServerInfo.newBuilder().setClusterID("test-cluster").setNodeID("a").build();

    @TempDir
    Path dir;

    static Stream<TestDatabaseServer> servers() {
        return Stream.of(PostgresTestServer.shared(), MariaDbTestServer.shared());
    }

    /**
     * Another connection sees what a crash would leave: the changes up to the recorded index, with
     * the index, and nothing of the changes made after it.
     */
    @ParameterizedTest
    @MethodSource("servers")
    void theIndexIsCommittedWithTheChangesItCoversAndNothingAfter(TestDatabaseServer server) throws SQLException {
        SqlStoreOptions database = server.newDatabase();
        try (Store node = new SqlStore(database)) {
            node.recover();
            assertEquals(0, node.lastAppliedIndex());
            node.init(SERVER_INFO);
            MessageStore foo = node.createChannel("foo").messages();
            foo.append(List.of(message(1)));
            node.recordAppliedIndex(3);
            foo.append(List.of(message(2)));

            assertEquals(1, committed(database, "SELECT MAX(seq) FROM Messages"));
            assertEquals(3, committed(database, "SELECT lastindex FROM " + SqlAppliedIndex.TABLE));
        }
    }

    private static long committed(SqlStoreOptions database, String query) throws SQLException {
        try (Connection connection = TestDatabaseServer.connect(database);
             ResultSet result = connection.createStatement().executeQuery(query)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** A server that is not clustered leaves nats-streaming-server's database as it found it: no table of jstan's. */
    @ParameterizedTest
    @MethodSource("servers")
    void aStandaloneServerCreatesNoTableOfItsOwn(TestDatabaseServer server) throws SQLException {
        SqlStoreOptions database = server.newDatabase();
        try (Store store = new SqlStore(database)) {
            store.recover();
            store.init(SERVER_INFO);
            store.createChannel("foo").messages().append(List.of(message(1)));
            store.flush();
        }
        assertFalse(tables(database).contains(SqlAppliedIndex.TABLE.toLowerCase()), tables(database).toString());
    }

    /** More rows than a fetch and an insert batch take, large and small, and NULLs where nats-streaming-server leaves them. */
    @ParameterizedTest
    @MethodSource("servers")
    void manyRowsAreCopiedWhole(TestDatabaseServer server) throws SQLException {
        Path snapshot = dir.resolve("snapshot");
        SqlStoreOptions leaderDatabase = server.newDatabase();
        List<MsgProto> batch = LongStream.rangeClosed(1, 2500)
                .mapToObj(seq -> seq % 500 == 0 ? large(seq, 300_000) : message(seq)).toList();
        try (Store leader = new SqlStore(leaderDatabase)) {
            leader.recover();
            leader.init(SERVER_INFO);
            leader.createChannel("foo").messages().append(batch);
            leader.recordAppliedIndex(1);
        }
        TestDatabaseServer.execute(leaderDatabase, List.of("INSERT INTO Clients (id, hbinbox, proto) VALUES ('old', NULL, NULL)"));
        try (Store leader = new SqlStore(leaderDatabase)) {
            leader.recover();
            leader.snapshot(snapshot);
        }
        try (Store follower = new SqlStore(server.newDatabase())) {
            follower.recover();
            RecoveredState restored = follower.restore(snapshot).orElseThrow();
            MessageStore messages = restored.channels().get("foo").channel().messages();
            assertEquals(2500, messages.state().count());
            for (MsgProto expected : batch) {
                assertEquals(expected, messages.lookup(expected.getSequence()).orElseThrow());
            }
            assertEquals(List.of("old"), restored.clients().stream().map(ClientInfo::getID).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aCorruptCopyIsRefusedAndTheDatabaseKeptAsItWas(TestDatabaseServer server) throws IOException {
        Path snapshot = dir.resolve("snapshot");
        try (Store leader = new SqlStore(server.newDatabase())) {
            leader.recover();
            leader.init(SERVER_INFO);
            leader.createChannel("foo").messages().append(List.of(message(1), message(2)));
            leader.recordAppliedIndex(7);
            leader.snapshot(snapshot);
        }
        Path messages = snapshot.resolve(SqlSnapshot.DIRECTORY).resolve("Messages.rows");
        flipByteBeforeTheEnd(messages, 20);
        SqlStoreOptions database = server.newDatabase();
        try (Store follower = new SqlStore(database)) {
            follower.recover();
            follower.init(SERVER_INFO);
            follower.createChannel("bar").messages().append(List.of(message(1)));
            follower.recordAppliedIndex(2);

            StoreException refused = assertThrows(StoreException.class, () -> follower.restore(snapshot));
            assertTrue(refused.getMessage().contains("Messages.rows is corrupt"), refused.getMessage());
        }
        try (Store follower = new SqlStore(database)) {
            assertEquals(Set.of("bar"), follower.recover().orElseThrow().channels().keySet());
            assertEquals(2, follower.lastAppliedIndex());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aDirectoryWithoutACopyIsRefused(TestDatabaseServer server) {
        try (Store store = new SqlStore(server.newDatabase())) {
            store.recover();
            StoreException refused = assertThrows(StoreException.class, () -> store.restore(dir));
            assertEquals("sql: " + dir + " holds no copy of an SQL store (ServerInfo.rows is missing)", refused.getMessage());
        }
    }

    private static Set<String> tables(SqlStoreOptions database) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection connection = TestDatabaseServer.connect(database);
             ResultSet result = connection.getMetaData().getTables(connection.getCatalog(), null, "%", new String[] {"TABLE"})) {
            while (result.next()) {
                tables.add(result.getString("TABLE_NAME").toLowerCase());
            }
        }
        return tables;
    }

    private static void flipByteBeforeTheEnd(Path file, int fromEnd) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long position = channel.size() - fromEnd;
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x5a)).rewind();
            channel.write(one, position);
        }
    }

    private static MsgProto message(long sequence) {
        return MsgProto.newBuilder().setSequence(sequence).setSubject("foo").setTimestamp(sequence)
                .setData(ByteString.copyFromUtf8("m" + sequence)).build();
    }

    private static MsgProto large(long sequence, int bytes) {
        byte[] data = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            data[i] = (byte) (sequence + i);
        }
        return MsgProto.newBuilder().setSequence(sequence).setSubject("foo").setTimestamp(sequence)
                .setData(ByteString.copyFrom(data)).build();
    }
}
