package io.jstan.store.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which SubsPending rows one subscription has and what each still says, for rows of
 * nats-streaming-server's cache form: a row per batch of sequences sent (a JSON array in pending)
 * and a row per batch of acknowledgements (one in acks), instead of a row per message. A row is
 * deleted once recovery needs nothing of it: each sequence it sent was acknowledged, and each
 * acknowledgement it holds removes a sequence whose row is gone. A batch's acknowledgements that
 * are all of that kind at once are not written at all.
 *
 * <p>Recovery reads the rows in row order (see {@link PendingRows}): an acknowledgement always
 * follows the row that sent its sequence, since rows are numbered as they are written. It then
 * writes the pending sequences again as the rows of a new book, which starts the subscription's
 * rows from 1.
 */
final class PendingRowBook {
    /**
     * At most this many sequences in a row's pending or acks, as nats-streaming-server writes them:
     * its MySQL schema gives those columns a BLOB, 64 KB.
     */
    static final int MAX_SEQUENCES_PER_ROW = 2000;
    private static final long[] NONE = new long[0];

    /** A row to insert: its number, the sequences it sends and those it acknowledges. */
    record Insert(long row, long[] sent, long[] acks) {
    }

    /** What one batch of acknowledgements writes: rows to insert and rows to delete. */
    record AckChanges(List<Insert> inserts, List<Long> deletedRows) {
    }

    private static final class Row {
        final long number;
        final long[] sent;
        int unacknowledged;
        /** How many acknowledgements of this row's sequences each later row holds. */
        final Map<Row, Integer> acknowledgedIn = new HashMap<>();
        int acksInUse;
        boolean written;

        Row(long number, long[] sent) {
            this.number = number;
            this.sent = sent;
            this.unacknowledged = sent.length;
        }

        boolean needed() {
            return unacknowledged > 0 || acksInUse > 0;
        }
    }

    /** The row that sent each pending sequence. */
    private final Map<Long, Row> pendingIn = new HashMap<>();
    private long lastRow;

    /** The rows that record {@code sequences} sent, leaving out those already pending. */
    List<Insert> sent(long[] sequences) {
        long[] fresh = Arrays.stream(sequences).filter(sequence -> !pendingIn.containsKey(sequence)).distinct().toArray();
        List<Insert> inserts = new ArrayList<>(1 + fresh.length / MAX_SEQUENCES_PER_ROW);
        for (int from = 0; from < fresh.length; from += MAX_SEQUENCES_PER_ROW) {
            Row row = new Row(++lastRow, Arrays.copyOfRange(fresh, from, Math.min(fresh.length, from + MAX_SEQUENCES_PER_ROW)));
            row.written = true;
            for (long sequence : row.sent) {
                pendingIn.put(sequence, row);
            }
            inserts.add(new Insert(row.number, row.sent, NONE));
        }
        return inserts;
    }

    /** The changes that record {@code sequences} acknowledged; those not pending are ignored. */
    AckChanges acknowledged(long[] sequences) {
        Map<Row, List<Long>> acksIn = new LinkedHashMap<>();
        List<Long> acks = null;
        Row ackRow = null;
        List<Row> emptied = new ArrayList<>();
        for (long sequence : sequences) {
            Row sentRow = pendingIn.remove(sequence);
            if (sentRow == null) {
                continue;
            }
            if (ackRow == null || acks.size() == MAX_SEQUENCES_PER_ROW) {
                ackRow = new Row(++lastRow, NONE);
                acks = new ArrayList<>();
                acksIn.put(ackRow, acks);
            }
            acks.add(sequence);
            sentRow.acknowledgedIn.merge(ackRow, 1, Integer::sum);
            ackRow.acksInUse++;
            if (--sentRow.unacknowledged == 0) {
                emptied.add(sentRow);
            }
        }
        List<Long> deleted = new ArrayList<>();
        for (Row row : emptied) {
            deleteWhenUnneeded(row, deleted);
        }
        List<Insert> inserts = new ArrayList<>(acksIn.size());
        acksIn.forEach((row, rowAcks) -> {
            if (row.needed()) {
                row.written = true;
                inserts.add(new Insert(row.number, NONE, rowAcks.stream().mapToLong(Long::longValue).toArray()));
            }
        });
        return new AckChanges(inserts, deleted);
    }

    /** Deletes a row that says nothing needed any longer, and then the acknowledgement rows only it needed. */
    private static void deleteWhenUnneeded(Row row, List<Long> deleted) {
        if (row.needed()) {
            return;
        }
        if (row.written) {
            deleted.add(row.number);
        }
        row.acknowledgedIn.forEach((ackRow, acks) -> {
            ackRow.acksInUse -= acks;
            deleteWhenUnneeded(ackRow, deleted);
        });
    }
}
