package io.jstan.store.file;

import io.jstan.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The advisory lock on a file of the store's directory that keeps other servers off the store. The
 * operating system's lock belongs to the process, and closing any channel on the file may release
 * it: so a store in this process that finds the file locked by another one here gives up without
 * opening it.
 *
 * <p>The file exists only while a server holds it: the holder deletes it before releasing the lock,
 * so that a start that fails (on a nats-streaming-server store, say) leaves nothing behind. Another
 * server may have opened the file just before it was deleted, and then locks a file no longer in
 * the directory: it checks, once it has the lock, that the file it locked is still the one there,
 * and gives up otherwise. (RocksDB's own lock keeps a second server off the database in any case.)
 */
final class StoreDirectoryLock {

    private static final Set<Path> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();
    /** The identity of every file where the file system gives none. */
    private static final Object NO_FILE_KEY = new Object();

    private final Path file;
    private FileChannel channel;
    private Path held;

    StoreDirectoryLock(Path file) {
        this.file = file;
    }

    /**
     * True once held (again true on later calls), false while another holder has it.
     *
     * @throws StoreException {@link StoreException.Kind#FAILED} when the file cannot be created or opened
     */
    synchronized boolean tryLock() {
        if (held != null) {
            return true;
        }
        try {
            Files.createDirectories(file.getParent());
            Path identity = file.getParent().toRealPath().resolve(file.getFileName());
            if (!HELD_IN_THIS_PROCESS.add(identity)) {
                return false;
            }
            FileChannel opened = null;
            try {
                opened = FileChannel.open(identity, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                Optional<Object> opening = fileKey(identity);
                if (opened.tryLock() != null && opening.isPresent() && opening.equals(fileKey(identity))) {
                    channel = opened;
                    held = identity;
                    return true;
                }
                return false;
            } finally {
                if (held == null) {
                    HELD_IN_THIS_PROCESS.remove(identity);
                    if (opened != null) {
                        opened.close();
                    }
                }
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILED, "cannot lock " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The identity of the file at {@code path} (device and inode; null where the file system has
     * none), empty when there is no file.
     */
    private static Optional<Object> fileKey(Path path) throws IOException {
        try {
            return Optional.of(Objects.requireNonNullElse(
                    Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey(), NO_FILE_KEY));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Deletes the file, then releases the lock. */
    synchronized void release() {
        if (held == null) {
            return;
        }
        try (FileChannel locked = channel) {
            Files.deleteIfExists(held);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILED, "cannot unlock " + file + ": " + e.getMessage(), e);
        } finally {
            HELD_IN_THIS_PROCESS.remove(held);
            held = null;
            channel = null;
        }
    }
}
