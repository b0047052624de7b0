package io.jstan.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jstan.store.MessageStore;
import io.jstan.store.Store;
import io.jstan.store.crypto.EncryptingStore;
import io.jstan.store.crypto.EncryptionCipher;
import io.jstan.store.crypto.EncryptionKey;
import io.jstan.store.crypto.StoreEncryption;
import io.jstan.store.proto.MsgProto;
import io.jstan.store.proto.ServerInfo;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Encryption at rest over the SQL store: no payload reaches the database in plaintext. */
class EncryptingSqlStoreTest {
    private static final ServerInfo SERVER_INFO = ServerInfo.newBuilder().setClusterID("test-cluster").build();
    private static final String MARKER = "plaintext-marker-5c2e71a0";

    static Stream<TestDatabaseServer> servers() {
        return Stream.of(PostgresTestServer.shared(), MariaDbTestServer.shared());
    }

    @ParameterizedTest
    @MethodSource("servers")
    void noPayloadReachesTheDatabaseInPlaintextAndAllAreReadBack(TestDatabaseServer server) throws SQLException {
        SqlStoreOptions database = server.newDatabase();
        List<MsgProto> written = markedMessages();
        try (Store store = encrypted(database)) {
            store.recover();
            store.init(SERVER_INFO);
            store.createChannel("foo").messages().append(written);
        }

        assertFalse(anyMessageHolds(database, MARKER));
        try (Store store = encrypted(database)) {
            MessageStore foo = store.recover().orElseThrow().channels().get("foo").channel().messages();
            assertEquals(written, LongStream.rangeClosed(1, written.size()).mapToObj(seq -> foo.lookup(seq).orElseThrow()).toList());
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void withoutEncryptionThePayloadIsInTheDatabase(TestDatabaseServer server) throws SQLException {
        SqlStoreOptions database = server.newDatabase();
        try (Store store = new SqlStore(database)) {
            store.recover();
            store.init(SERVER_INFO);
            store.createChannel("foo").messages().append(markedMessages());
        }
        assertTrue(anyMessageHolds(database, MARKER));
    }

    private static Store encrypted(SqlStoreOptions database) {
        return new EncryptingStore(new SqlStore(database),
                new StoreEncryption(EncryptionCipher.AES, EncryptionKey.of("the right key")));
    }

    private static List<MsgProto> markedMessages() {
        List<MsgProto> messages = new ArrayList<>();
        for (long seq = 1; seq <= 3; seq++) {
            messages.add(MsgProto.newBuilder().setSequence(seq).setSubject("foo").setTimestamp(seq * 1000)
                    .setData(ByteString.copyFromUtf8(MARKER + " " + seq)).build());
        }
        return messages;
    }

    private static boolean anyMessageHolds(SqlStoreOptions database, String text) throws SQLException {
        byte[] marker = text.getBytes(StandardCharsets.UTF_8);
        try (Connection connection = TestDatabaseServer.connect(database); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT data FROM Messages")) {
            while (rows.next()) {
                if (contains(rows.getBytes(1), marker)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(byte[] data, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= data.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (data[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
