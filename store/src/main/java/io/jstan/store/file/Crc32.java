package io.jstan.store.file;

import java.util.zip.CRC32;

/**
 * CRC-32 with a chosen polynomial, given in reversed (least significant bit first) form as
 * nats-streaming-server's {@code --file_crc_poly} and Go's {@code crc32.MakeTable} take it. The IEEE
 * polynomial is computed by {@link CRC32}, which the JVM accelerates; others by a lookup table.
 */
public final class Crc32 {

    private final int[] table;

    private Crc32(int[] table) {
        this.table = table;
    }

    /** @throws IllegalArgumentException when the polynomial does not fit in 32 bits or is 0 */
    public static Crc32 of(long polynomial) {
        if (polynomial <= 0 || polynomial > 0xffff_ffffL) {
            throw new IllegalArgumentException(String.format(
                    "CRC polynomial 0x%x is not a 32-bit polynomial (nats-streaming-server's default is 0x%x)",
                    polynomial, FileStoreOptions.IEEE_POLYNOMIAL));
        }
        return new Crc32(polynomial == FileStoreOptions.IEEE_POLYNOMIAL ? null : table((int) polynomial));
    }

    public int checksum(byte[] data, int offset, int length) {
        if (table == null) {
            CRC32 crc = new CRC32();
            crc.update(data, offset, length);
            return (int) crc.getValue();
        }
        int crc = ~0;
        for (int i = offset; i < offset + length; i++) {
            crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
        }
        return ~crc;
    }

    private static int[] table(int polynomial) {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ polynomial : crc >>> 1;
            }
            table[i] = crc;
        }
        return table;
    }
}
