package io.jstan.store.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class Crc32Test {

    private static final byte[] DATA = "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8);

    @Test
    void ieeeIsTheJdksCrc32() {
        CRC32 expected = new CRC32();
        expected.update(DATA, 3, 20);
        assertEquals((int) expected.getValue(), Crc32.of(FileStoreOptions.IEEE_POLYNOMIAL).checksum(DATA, 3, 20));
    }

    @Test
    void anotherPolynomialIsComputedByTable() {
        CRC32C expected = new CRC32C();
        expected.update(DATA, 3, 20);
        assertEquals((int) expected.getValue(), Crc32.of(0x82f6_3b78L).checksum(DATA, 3, 20));
    }

    @Test
    void aPolynomialBeyond32BitsIsRefused() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> Crc32.of(0x1_0000_0000L));
        assertEquals("CRC polynomial 0x100000000 is not a 32-bit polynomial (nats-streaming-server's default is 0xedb88320)",
                failure.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FileStoreOptions.DEFAULTS.withCrcPolynomial(0));
    }
}
