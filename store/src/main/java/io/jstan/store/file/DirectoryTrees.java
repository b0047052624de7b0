package io.jstan.store.file;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/** Whole directories of files: a database's, moved between a store and its copies. */
final class DirectoryTrees {

    private DirectoryTrees() {
    }

    /** Deletes the directory with everything in it; a missing one is fine. */
    static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path visited, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(visited);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * Makes {@code target} (which must not exist) hold the files of {@code source}, each a hard link
     * where both are on one file system, otherwise a copy. Links are safe for a RocksDB database's
     * files: RocksDB never writes into a file it has closed.
     */
    static void linkOrCopy(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new NoSuchFileException(source.toString(), null, "no database to restore");
        }
        Files.createDirectories(target);
        try (Stream<Path> entries = Files.list(source)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path copy = target.resolve(entry.getFileName().toString());
                if (Files.isDirectory(entry)) {
                    linkOrCopy(entry, copy);
                    continue;
                }
                try {
                    Files.createLink(copy, entry);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(entry, copy);
                }
            }
        }
    }
}
