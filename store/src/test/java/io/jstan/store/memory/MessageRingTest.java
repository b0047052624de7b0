package io.jstan.store.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jstan.store.proto.MsgProto;
import org.junit.jupiter.api.Test;

class MessageRingTest {

    private final MessageRing ring = new MessageRing();

    @Test
    void keepsOrderAcrossGrowthWrapAndShrink() {
        long next = 1;
        long oldest = 1;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 1000; i++) {
                ring.addLast(message(next++));
            }
            for (int i = 0; i < 990; i++) {
                assertEquals(oldest++, ring.removeFirst().getSequence());
            }
            assertRingHolds(oldest, next - 1);
        }
    }

    @Test
    void givesMessagesByPosition() {
        for (long sequence = 1; sequence <= 40; sequence++) {
            ring.addLast(message(sequence));
        }
        ring.removeFirst();
        assertEquals(2, ring.get(0).getSequence());
        assertEquals(40, ring.get(38).getSequence());
        assertThrows(IndexOutOfBoundsException.class, () -> ring.get(39));
        assertThrows(IndexOutOfBoundsException.class, () -> ring.get(-1));
    }

    @Test
    void clearLeavesNothing() {
        ring.addLast(message(1));
        ring.clear();
        assertEquals(0, ring.size());
        assertThrows(IllegalStateException.class, ring::removeFirst);
        ring.addLast(message(5));
        assertEquals(5, ring.get(0).getSequence());
    }

    private void assertRingHolds(long first, long last) {
        assertEquals(last - first + 1, ring.size());
        for (int i = 0; i < ring.size(); i++) {
            assertEquals(first + i, ring.get(i).getSequence());
        }
    }

    private static MsgProto message(long sequence) {
        return MsgProto.newBuilder().setSequence(sequence).build();
    }
}
