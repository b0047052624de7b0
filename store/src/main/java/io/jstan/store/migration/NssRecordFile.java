package io.jstan.store.migration;

import io.jstan.store.file.Crc32;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the records of one file of nats-streaming-server's FILE store, in order, opening the file
 * for reading only. The file starts with its version (a 4-byte little-endian integer, 1); each
 * record is a header of 8 bytes, then the payload: the first 4 bytes (little-endian) hold the
 * payload's size, with the record's type in their high byte in typed files (subscriptions,
 * clients), and the next 4 the CRC-32 of the payload. A header of zeros ends the records, as
 * nats-streaming-server reads it (a file padded with zeros).
 */
final class NssRecordFile implements AutoCloseable {
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8;
    private static final int BUFFER_BYTES = 1 << 20;
    /** About the largest array a JVM makes: no real record comes near it. */
    private static final long MAX_RECORD_BYTES = Integer.MAX_VALUE - 8;

    /** A record: its type (0 in untyped files), its payload, and the offset of its header in the file. */
    record FileRecord(int type, byte[] payload, long offset) {
    }

    private final Path file;
    private final boolean typed;
    private final Crc32 crc;
    private final long length;
    private final InputStream in;
    private final byte[] header = new byte[HEADER_BYTES];
    private long position;
    private boolean ended;

    private NssRecordFile(Path file, boolean typed, Crc32 crc) throws IOException {
        this.file = file;
        this.typed = typed;
        this.crc = crc;
        this.length = Files.size(file);
        this.in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
    }

    /**
     * Opens {@code file} and checks its version.
     *
     * @throws CorruptRecordException when the version is missing or unknown (not resumable)
     */
    static NssRecordFile open(Path file, boolean typed, Crc32 crc) throws IOException, CorruptRecordException {
        NssRecordFile records = new NssRecordFile(file, typed, crc);
        try {
            records.checkVersion();
        } catch (IOException | CorruptRecordException | RuntimeException e) {
            records.close();
            throw e;
        }
        return records;
    }

    private void checkVersion() throws IOException, CorruptRecordException {
        byte[] version = new byte[4];
        if (readFully(version) < version.length) {
            ended = true;
            if (length > 0) {
                throw new CorruptRecordException(file, 0, "the file version is cut short (" + length + " bytes)", false);
            }
            return;
        }
        int value = littleEndianInt(version, 0);
        if (value != VERSION) {
            ended = true;
            throw new CorruptRecordException(file, 0, "unsupported file version " + Integer.toUnsignedString(value)
                    + " (nats-streaming-server's is " + VERSION + ")", false);
        }
    }

    /**
     * The next record; empty at the end of the records.
     *
     * @throws CorruptRecordException when the record is cut short or does not match its CRC; the
     *     next call reads the record after it when {@link CorruptRecordException#resumable()}, and
     *     returns empty otherwise
     */
    Optional<FileRecord> next() throws IOException, CorruptRecordException {
        if (ended) {
            return Optional.empty();
        }
        long offset = position;
        int read = readFully(header);
        if (read == 0) {
            ended = true;
            return Optional.empty();
        }
        if (read < HEADER_BYTES) {
            ended = true;
            throw new CorruptRecordException(file, offset, "the record header is cut short (" + read + " of "
                    + HEADER_BYTES + " bytes)", false);
        }
        int first = littleEndianInt(header, 0);
        int storedCrc = littleEndianInt(header, 4);
        if (first == 0 && storedCrc == 0) {
            ended = true;
            return Optional.empty();
        }
        int type = typed ? first >>> 24 : 0;
        long size = typed ? first & 0xff_ffff : Integer.toUnsignedLong(first);
        if (size > MAX_RECORD_BYTES) {
            ended = true;
            throw new CorruptRecordException(file, offset, "the record announces " + size + " bytes, more than a record holds", false);
        }
        if (size > length - position) {
            ended = true;
            throw new CorruptRecordException(file, offset, "the record's payload is cut short (" + size + " bytes announced, "
                    + (length - position) + " left in the file)", false);
        }
        byte[] payload = new byte[(int) size];
        if (readFully(payload) < size) {
            ended = true;
            throw new CorruptRecordException(file, offset, "the file ended while it was read", false);
        }
        int computed = crc.checksum(payload, 0, payload.length);
        if (computed != storedCrc) {
            throw new CorruptRecordException(file, offset, String.format("CRC-32 mismatch: stored 0x%08x, computed 0x%08x",
                    storedCrc, computed), true);
        }
        return Optional.of(new FileRecord(type, payload, offset));
    }

    Path file() {
        return file;
    }

    /** The file's size, as it was when it was opened. */
    long length() {
        return length;
    }

    private int readFully(byte[] into) throws IOException {
        int total = 0;
        while (total < into.length) {
            int read = in.read(into, total, into.length - total);
            if (read < 0) {
                break;
            }
            total += read;
        }
        position += total;
        return total;
    }

    static int littleEndianInt(byte[] data, int offset) {
        return (data[offset] & 0xff) | (data[offset + 1] & 0xff) << 8 | (data[offset + 2] & 0xff) << 16
                | (data[offset + 3] & 0xff) << 24;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
