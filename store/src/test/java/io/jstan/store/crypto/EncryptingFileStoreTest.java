package io.jstan.store.crypto;

import io.jstan.store.DirectoryScan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.jstan.store.MessageStore;
import io.jstan.store.RecoveredState;
import io.jstan.store.Store;
import io.jstan.store.StoreException;
import io.jstan.store.StoreLimits;
import io.jstan.store.file.FileStore;
import io.jstan.store.file.FileStoreOptions;
import io.jstan.store.memory.MemoryStore;
import io.jstan.store.proto.MsgProto;
import io.jstan.store.proto.ServerInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What an {@link EncryptingStore} over a FILE store leaves on disk, and how it refuses a wrong key. */
class EncryptingFileStoreTest {
    private static final ServerInfo SERVER_INFO = ServerInfo.newBuilder().setClusterID("test-cluster").build();
    private static final String MARKER = "plaintext-marker-4d1f9b27";
    private static final String KEY = "the right key";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(EncryptionCipher.class)
    void noPayloadIsOnDiskInPlaintextAndAllAreReadBack(EncryptionCipher cipher) {
        List<MsgProto> written = markedMessages();
        try (Store store = encrypted(cipher, KEY)) {
            store.recover();
            store.init(SERVER_INFO);
            store.createChannel("foo").messages().append(written);
        }

        assertEquals(List.of(), DirectoryScan.filesHolding(dir, MARKER));
        try (Store store = encrypted(cipher, KEY)) {
            assertEquals(written, readAll(store.recover().orElseThrow(), "foo"));
        }
    }

    @Test
    void withoutEncryptionThePayloadIsOnDisk() {
        try (Store store = new FileStore(dir, FileStoreOptions.DEFAULTS)) {
            store.recover();
            store.init(SERVER_INFO);
            store.createChannel("foo").messages().append(markedMessages());
        }

        assertFalse(DirectoryScan.filesHolding(dir, MARKER).isEmpty(), "the scan finds a plaintext payload");
    }

    @Test
    void aWrongKeyIsRefusedAtRecoveryAndTheStoreIsKept() {
        List<MsgProto> written = markedMessages();
        try (Store store = encrypted(EncryptionCipher.AES, KEY)) {
            store.recover();
            store.init(SERVER_INFO);
            store.createChannel("foo").messages().append(written);
        }

        try (Store store = encrypted(EncryptionCipher.AES, "another key")) {
            StoreException refused = assertThrows(StoreException.class, store::recover);
            assertEquals(StoreException.Kind.FAILED, refused.kind());
            assertEquals("wrong encryption key: the store was encrypted with another key", refused.getMessage());
        }

        try (Store store = encrypted(EncryptionCipher.AES, KEY)) {
            RecoveredState state = store.recover().orElseThrow();
            assertEquals(SERVER_INFO, state.serverInfo());
            assertEquals(written, readAll(state, "foo"));
        }
    }

    @Test
    void aStoreWrittenWithoutEncryptionIsRefused() {
        try (Store store = new FileStore(dir, FileStoreOptions.DEFAULTS)) {
            store.recover();
            store.init(SERVER_INFO);
        }

        try (Store store = encrypted(EncryptionCipher.AES, KEY)) {
            StoreException refused = assertThrows(StoreException.class, store::recover);
            assertEquals("the store was written without encryption: encryption at rest is chosen when a store is created",
                    refused.getMessage());
        }
    }

    @Test
    void payloadsSealedWithTheOtherCipherAreStillRead() {
        List<MsgProto> written = markedMessages();
        try (Store store = encrypted(EncryptionCipher.AES, KEY)) {
            store.recover();
            store.init(SERVER_INFO);
            store.createChannel("foo").messages().append(written.subList(0, 2));
        }

        try (Store store = encrypted(EncryptionCipher.CHACHA, KEY)) {
            MessageStore foo = store.recover().orElseThrow().channels().get("foo").channel().messages();
            foo.append(written.subList(2, written.size()));
            assertEquals(written, readAll(foo));
        }
    }

    @Test
    void aPayloadReadWithAnotherKeyFailsRatherThanReturnGarbage() {
        MemoryStore shared = new MemoryStore(StoreLimits.DEFAULTS);
        new EncryptingStore(shared, encryption(EncryptionCipher.AES, KEY)).createChannel("foo").messages()
                .append(markedMessages());

        MessageStore readWithAnotherKey = new EncryptingStore(shared, encryption(EncryptionCipher.AES, "another key"))
                .channel("foo").orElseThrow().messages();

        StoreException failure = assertThrows(StoreException.class, () -> readWithAnotherKey.lookup(1));
        assertEquals(StoreException.Kind.FAILED, failure.kind());
        assertTrue(failure.getMessage().startsWith(
                "message 1 of channel \"foo\" cannot be decrypted (wrong key, or damaged data)"), failure.getMessage());
        assertThrows(StoreException.class, readWithAnotherKey::firstMessage);
    }

    @ParameterizedTest
    @EnumSource(EncryptionCipher.class)
    void aMessageIsReadAsOftenAsAsked(EncryptionCipher cipher) {
        MessageStore foo = new EncryptingStore(new MemoryStore(StoreLimits.DEFAULTS), encryption(cipher, KEY))
                .createChannel("foo").messages();
        foo.append(markedMessages());

        MsgProto first = markedMessages().get(0);
        assertEquals(List.of(first, first, first), List.of(foo.lookup(1).orElseThrow(), foo.lookup(1).orElseThrow(),
                foo.firstMessage().orElseThrow()));
    }

    @Test
    void eachChannelHasAKeyOfItsOwn() {
        MemoryStore shared = new MemoryStore(StoreLimits.DEFAULTS);
        EncryptingStore store = new EncryptingStore(shared, encryption(EncryptionCipher.AES, KEY));
        store.createChannel("foo").messages().append(markedMessages());
        MsgProto sealedForFoo = shared.channel("foo").orElseThrow().messages().lookup(1).orElseThrow();
        store.createChannel("bar").messages().append(List.of(markedMessages().get(0)));
        shared.channel("bar").orElseThrow().messages().empty();
        shared.channel("bar").orElseThrow().messages().append(List.of(sealedForFoo));

        assertThrows(StoreException.class, () -> store.channel("bar").orElseThrow().messages().lookup(1));
    }

    /** Three messages, the first two with the marker in their payload, the last with an empty payload. */
    private static List<MsgProto> markedMessages() {
        return List.of(message(1, MARKER + " one"), message(2, MARKER + " two"), message(3, ""));
    }

    private static MsgProto message(long sequence, String data) {
        return MsgProto.newBuilder().setSequence(sequence).setSubject("foo").setTimestamp(sequence * 1000)
                .setData(ByteString.copyFromUtf8(data)).build();
    }

    private Store encrypted(EncryptionCipher cipher, String key) {
        return new EncryptingStore(new FileStore(dir, FileStoreOptions.DEFAULTS), encryption(cipher, key));
    }

    private static StoreEncryption encryption(EncryptionCipher cipher, String key) {
        return new StoreEncryption(cipher, EncryptionKey.of(key));
    }

    private static List<MsgProto> readAll(RecoveredState state, String channel) {
        return readAll(state.channels().get(channel).channel().messages());
    }

    private static List<MsgProto> readAll(MessageStore messages) {
        return Stream.iterate(messages.firstSequence(), sequence -> sequence <= messages.lastSequence(), sequence -> sequence + 1)
                .map(sequence -> messages.lookup(sequence).orElseThrow())
                .toList();
    }
}
