package io.jstan.store.file;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.jstan.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Every value the FILE store writes: the CRC-32 of the record (4 bytes, big-endian), then the
 * record. The CRC is always written, as nats-streaming-server does; the crc option decides whether
 * reads check it.
 */
final class ChecksummedValues {

    static final int CRC_BYTES = Integer.BYTES;

    private final Crc32 crc;
    private final boolean verify;

    ChecksummedValues(Crc32 crc, boolean verify) {
        this.crc = crc;
        this.verify = verify;
    }

    byte[] seal(byte[] record) {
        byte[] value = new byte[CRC_BYTES + record.length];
        System.arraycopy(record, 0, value, CRC_BYTES, record.length);
        return withChecksum(value);
    }

    byte[] seal(MessageLite record) {
        byte[] value = new byte[CRC_BYTES + record.getSerializedSize()];
        CodedOutputStream output = CodedOutputStream.newInstance(value, CRC_BYTES, value.length - CRC_BYTES);
        try {
            record.writeTo(output);
        } catch (IOException e) {
            throw new UncheckedIOException("a record larger than its serialized size", e);
        }
        return withChecksum(value);
    }

    private byte[] withChecksum(byte[] value) {
        int checksum = crc.checksum(value, CRC_BYTES, value.length - CRC_BYTES);
        value[0] = (byte) (checksum >>> 24);
        value[1] = (byte) (checksum >>> 16);
        value[2] = (byte) (checksum >>> 8);
        value[3] = (byte) checksum;
        return value;
    }

    /**
     * The record a value holds, read by {@code reader}.
     *
     * @param what names the record in the failure, e.g. {@code message 5 of channel "foo"}
     * @throws StoreException {@link StoreException.Kind#FAILED} when the value is too short to hold
     *     a CRC, its CRC does not match (checked only with the crc option), or the record cannot be read
     */
    <T> T open(byte[] value, RecordReader<T> reader, Supplier<String> what) {
        if (value.length < CRC_BYTES) {
            throw corrupt(what, "its value has " + value.length + " bytes, fewer than a CRC");
        }
        if (verify) {
            int stored = ((value[0] & 0xff) << 24) | ((value[1] & 0xff) << 16) | ((value[2] & 0xff) << 8) | (value[3] & 0xff);
            int computed = crc.checksum(value, CRC_BYTES, value.length - CRC_BYTES);
            if (stored != computed) {
                throw corrupt(what, String.format("CRC-32 mismatch: stored 0x%08x, computed 0x%08x", stored, computed));
            }
        }
        try {
            return reader.read(value, CRC_BYTES, value.length - CRC_BYTES);
        } catch (IOException e) {
            throw corrupt(what, e.getMessage());
        }
    }

    /** The size of the record in a value of {@code valueSize} bytes. */
    static int recordSize(int valueSize) {
        return valueSize - CRC_BYTES;
    }

    /** Reads a record from {@code length} bytes of {@code data} at {@code offset}. */
    @FunctionalInterface
    interface RecordReader<T> {
        T read(byte[] data, int offset, int length) throws IOException;
    }

    private static StoreException corrupt(Supplier<String> what, String why) {
        return new StoreException(StoreException.Kind.FAILED, what.get() + " is corrupt: " + why, null);
    }
}
