package io.jstan.store.file;

import io.jstan.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The advisory lock on a file of the store's directory that keeps other servers off the store. The
 * operating system's lock belongs to the process, and closing any channel on the file may release
 * it: so a store in this process that finds the file locked by another one here gives up without
 * opening it.
 */
final class StoreDirectoryLock {

    private static final Set<Path> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

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
                if (opened.tryLock() != null) {
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

    synchronized void release() {
        if (held == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILED, "cannot unlock " + file + ": " + e.getMessage(), e);
        } finally {
            HELD_IN_THIS_PROCESS.remove(held);
            held = null;
            channel = null;
        }
    }
}
