package io.jstan.store.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PendingRowBookTest {

    /** SubsPending's rows of one subscription, as the book's changes leave them. */
    private final TreeMap<Long, PendingRowBook.Insert> table = new TreeMap<>();
    private final PendingRowBook book = new PendingRowBook();

    @Test
    void aRowIsDeletedOnceItsSequencesAreAcknowledgedWithTheAcknowledgementsOnlyItNeeded() {
        sent(1, 2, 3);
        PendingRowBook.AckChanges some = acked(1, 2);
        assertEquals(1, some.inserts().size(), "acknowledgements of a row still needed are written");
        assertEquals(List.of(), some.deletedRows());

        PendingRowBook.AckChanges rest = acked(3);
        assertEquals(List.of(), rest.inserts(), "the last acknowledgement of a row is not written");
        assertEquals(List.of(1L, 2L), rest.deletedRows());
        assertTrue(table.isEmpty());
    }

    @Test
    void acknowledgingAWholeRowAtOnceWritesNothingButItsDeletion() {
        sent(1, 2, 3);
        PendingRowBook.AckChanges changes = acked(3, 1, 2);
        assertEquals(List.of(), changes.inserts());
        assertEquals(List.of(1L), changes.deletedRows());
    }

    @Test
    void sequencesAlreadyPendingAreNotSentAgainAndUnknownAcknowledgementsAreIgnored() {
        sent(1, 2);
        assertEquals(List.of(3L), sequences(sent(2, 3, 3)));
        assertEquals(List.of(), sent(1, 2, 3));
        PendingRowBook.AckChanges changes = acked(7, 8);
        assertEquals(List.of(), changes.inserts());
        assertEquals(List.of(), changes.deletedRows());
    }

    @Test
    void aRowHoldsAtMostTwoThousandSequences() {
        long[] many = new long[4500];
        for (int i = 0; i < many.length; i++) {
            many[i] = i + 1;
        }
        List<PendingRowBook.Insert> rows = sent(many);
        assertEquals(List.of(2000, 2000, 500), rows.stream().map(row -> row.sent().length).toList());
        assertEquals(List.of(1L, 2L, 3L), rows.stream().map(PendingRowBook.Insert::row).toList());
        PendingRowBook.AckChanges acks = acked(Arrays.copyOf(many, 4400));
        assertEquals(List.of(1L, 2L), acks.deletedRows());
        assertEquals(1, acks.inserts().size(), "only the acknowledgements of the row left are kept");
        assertEquals(400, acks.inserts().get(0).acks().length);
    }

    /**
     * Whatever the order of sends, redeliveries and acknowledgements, the rows left say exactly which
     * sequences are pending, read as recovery reads them, and stay few.
     */
    @Test
    void theRowsLeftAlwaysRecoverThePendingSequences() {
        Random random = new Random(20261207);
        SortedSet<Long> pending = new TreeSet<>();
        long next = 1;
        int mostRows = 0;
        for (int step = 0; step < 5_000; step++) {
            if (random.nextInt(3) > 0 || pending.isEmpty()) {
                long[] batch = new long[1 + random.nextInt(40)];
                for (int i = 0; i < batch.length; i++) {
                    boolean redeliver = !pending.isEmpty() && random.nextInt(10) == 0;
                    batch[i] = redeliver ? pending.first() : next++;
                    pending.add(batch[i]);
                }
                sent(batch);
            } else {
                List<Long> candidates = new ArrayList<>(pending);
                long[] batch = new long[1 + random.nextInt(Math.min(candidates.size(), 60))];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = random.nextInt(5) == 0 ? next + 1000 : candidates.get(random.nextInt(candidates.size()));
                    pending.remove(batch[i]);
                }
                acked(batch);
            }
            assertEquals(pending, recovered(), "after step " + step);
            mostRows = Math.max(mostRows, table.size());
            while (pending.size() > 300) {
                acked(pending.first());
                pending.remove(pending.first());
            }
        }
        assertTrue(mostRows < 400, "rows at most " + mostRows);
    }

    private List<PendingRowBook.Insert> sent(long... sequences) {
        List<PendingRowBook.Insert> rows = book.sent(sequences);
        rows.forEach(row -> table.put(row.row(), row));
        return rows;
    }

    private PendingRowBook.AckChanges acked(long... sequences) {
        PendingRowBook.AckChanges changes = book.acknowledged(sequences);
        changes.inserts().forEach(row -> table.put(row.row(), row));
        changes.deletedRows().forEach(row -> assertTrue(table.remove(row) != null, "row " + row + " deleted twice"));
        return changes;
    }

    private SortedSet<Long> recovered() {
        PendingRows rows = new PendingRows();
        table.values().forEach(row -> rows.add(0, 0, PendingRows.json(row.sent()), PendingRows.json(row.acks())));
        return rows.pending();
    }

    private static List<Long> sequences(List<PendingRowBook.Insert> rows) {
        return rows.stream().flatMap(row -> Arrays.stream(row.sent()).boxed()).toList();
    }
}
