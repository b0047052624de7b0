package io.jstan.store.migration;

import java.nio.file.Path;

/**
 * A record of a nats-streaming-server file that cannot be read: its file, the offset of its header,
 * and why. {@link #resumable()} tells whether the records after it can still be read (its size was
 * readable, its content was not), or whether the rest of the file is lost.
 */
public final class CorruptRecordException extends Exception {
    private final Path file;
    private final long offset;
    private final boolean resumable;

    CorruptRecordException(Path file, long offset, String reason, boolean resumable) {
        super("corrupt record in " + file + " at offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
        this.resumable = resumable;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }

    public boolean resumable() {
        return resumable;
    }
}
