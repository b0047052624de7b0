package io.jstan.store.migration;

import io.jstan.store.file.Crc32;
import io.jstan.store.file.FileStoreOptions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record framing of nats-streaming-server's files, on files laid out byte by byte as its
 * filestore.go writes them, and the damage a crash or a disk leaves in them. The stores the real
 * server writes are read in the cli module's tests (NssStoreTest, JarMigrateIT).
 */
class NssRecordFileTest {
    private static final Crc32 IEEE = Crc32.of(FileStoreOptions.IEEE_POLYNOMIAL);

    @TempDir
    Path dir;

    @Test
    void recordsAreReadInOrderWithTheirOffsetsUntilAHeaderOfZeros() throws Exception {
        Path file = write(version(1), record(0, "abc"), record(0, "de"), new byte[8], record(0, "after the padding"));
        try (NssRecordFile records = NssRecordFile.open(file, false, IEEE)) {
            assertRecord(records.next(), 0, "abc", 4);
            assertRecord(records.next(), 0, "de", 4 + 8 + 3);
            assertEquals(Optional.empty(), records.next());
            assertEquals(Optional.empty(), records.next());
        }
    }

    @Test
    void aTypedRecordCarriesItsTypeInTheHighByteOfItsSize() throws Exception {
        Path file = write(version(1), record(5, "sent"), record(1, ""));
        try (NssRecordFile records = NssRecordFile.open(file, true, IEEE)) {
            assertRecord(records.next(), 5, "sent", 4);
            assertRecord(records.next(), 1, "", 4 + 8 + 4);
            assertEquals(Optional.empty(), records.next());
        }
    }

    @Test
    void aRecordThatDoesNotMatchItsCrcIsReportedAndTheNextOneIsRead() throws Exception {
        byte[] damaged = record(0, "abc");
        damaged[9] ^= 0x01;
        Path file = write(version(1), damaged, record(0, "de"));
        try (NssRecordFile records = NssRecordFile.open(file, false, IEEE)) {
            CorruptRecordException corrupt = assertThrows(CorruptRecordException.class, records::next);
            assertEquals(4, corrupt.offset());
            assertEquals(file, corrupt.file());
            assertTrue(corrupt.resumable());
            assertTrue(corrupt.getMessage().contains("CRC-32 mismatch"), corrupt.getMessage());
            assertRecord(records.next(), 0, "de", 4 + 8 + 3);
        }
    }

    @Test
    void aRecordCutShortEndsTheFile() throws Exception {
        byte[] whole = record(0, "a longer payload");
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 4);
        Path file = write(version(1), record(0, "abc"), cut);
        try (NssRecordFile records = NssRecordFile.open(file, false, IEEE)) {
            assertRecord(records.next(), 0, "abc", 4);
            CorruptRecordException corrupt = assertThrows(CorruptRecordException.class, records::next);
            assertEquals(4 + 8 + 3, corrupt.offset());
            assertFalse(corrupt.resumable());
            assertTrue(corrupt.getMessage().contains("the record's payload is cut short (16 bytes announced, 12 left in the file)"),
                    corrupt.getMessage());
            assertEquals(Optional.empty(), records.next());
        }
    }

    @Test
    void aHeaderCutShortEndsTheFile() throws Exception {
        Path file = write(version(1), record(0, "abc"), new byte[] {3, 0, 0});
        try (NssRecordFile records = NssRecordFile.open(file, false, IEEE)) {
            assertRecord(records.next(), 0, "abc", 4);
            CorruptRecordException corrupt = assertThrows(CorruptRecordException.class, records::next);
            assertEquals(4 + 8 + 3, corrupt.offset());
            assertTrue(corrupt.getMessage().contains("the record header is cut short (3 of 8 bytes)"), corrupt.getMessage());
            assertEquals(Optional.empty(), records.next());
        }
    }

    @Test
    void anUnknownFileVersionIsRefused() throws Exception {
        Path file = write(version(2), record(0, "abc"));
        CorruptRecordException corrupt = assertThrows(CorruptRecordException.class, () -> NssRecordFile.open(file, false, IEEE));
        assertEquals(0, corrupt.offset());
        assertTrue(corrupt.getMessage().contains("unsupported file version 2"), corrupt.getMessage());
    }

    @Test
    void anotherPolynomialChecksWhatItWrote() throws Exception {
        Crc32 castagnoli = Crc32.of(0x82f63b78L);
        byte[] payload = "abc".getBytes(StandardCharsets.UTF_8);
        byte[] header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(payload.length)
                .putInt(castagnoli.checksum(payload, 0, payload.length)).array();
        Path file = write(version(1), header, payload);
        try (NssRecordFile records = NssRecordFile.open(file, false, castagnoli)) {
            assertRecord(records.next(), 0, "abc", 4);
        }
        try (NssRecordFile records = NssRecordFile.open(file, false, IEEE)) {
            assertThrows(CorruptRecordException.class, records::next);
        }
    }

    private static void assertRecord(Optional<NssRecordFile.FileRecord> record, int type, String payload, long offset) {
        assertTrue(record.isPresent());
        assertEquals(type, record.get().type());
        assertArrayEquals(payload.getBytes(StandardCharsets.UTF_8), record.get().payload());
        assertEquals(offset, record.get().offset());
    }

    private static byte[] version(int version) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(version).array();
    }

    private static byte[] record(int type, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(payload);
        return ByteBuffer.allocate(8 + payload.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(type << 24 | payload.length).putInt((int) crc.getValue()).put(payload).array();
    }

    private Path write(byte[]... parts) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            bytes.write(part);
        }
        return Files.write(dir.resolve("file.dat"), bytes.toByteArray());
    }
}
