package io.jstan.store.migration;

import java.util.function.Consumer;

/** What a migration does with a corrupt record: stops, or skips it, counts it and tells it. */
public final class CorruptRecords {
    private final Consumer<CorruptRecordException> skipped;
    private long count;

    private CorruptRecords(Consumer<CorruptRecordException> skipped) {
        this.skipped = skipped;
    }

    /** The first corrupt record stops the migration. */
    public static CorruptRecords stopping() {
        return new CorruptRecords(null);
    }

    /** Corrupt records are skipped, each one told to {@code report}. */
    public static CorruptRecords skipping(Consumer<CorruptRecordException> report) {
        return new CorruptRecords(report);
    }

    /** @throws CorruptRecordException the record, when corrupt records stop the migration */
    void found(CorruptRecordException record) throws CorruptRecordException {
        if (skipped == null) {
            throw record;
        }
        count++;
        skipped.accept(record);
    }

    /** How many corrupt records were skipped. */
    public long skipped() {
        return count;
    }
}
