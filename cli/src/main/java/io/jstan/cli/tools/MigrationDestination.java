package io.jstan.cli.tools;

import io.jstan.cli.options.UsageException;
import io.jstan.store.file.FileStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where {@code jstan migrate} writes: an empty directory, in which the store is built under
 * {@value #STAGING} and moved into place ({@link FileStore#DATABASE_DIR}) by one rename once
 * complete. A migration that fails leaves no store a server would open: the staging directory is
 * removed, and one left by a killed migration keeps the directory from being taken again.
 */
final class MigrationDestination {
    static final String STAGING = ".migrating";

    private final Path dir;
    private final Path staging;

    private MigrationDestination(Path dir) {
        this.dir = dir;
        this.staging = dir.resolve(STAGING);
    }

    /**
     * Creates {@code dir} if it does not exist, and the staging directory in it.
     *
     * @throws UsageException when {@code dir} is not an empty directory, or lies in {@code source}
     */
    static MigrationDestination prepare(Path dir, Path source) throws UsageException, IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (absolute.startsWith(source.toAbsolutePath().normalize())) {
            throw new UsageException("the destination " + dir + " is inside the source " + source);
        }
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new UsageException("the destination " + dir + " is not a directory");
            }
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new UsageException("the destination " + dir + " is not empty (a migration writes only into an"
                            + " empty or new directory" + (Files.exists(dir.resolve(STAGING))
                            ? "; " + STAGING + " is what an interrupted migration left: remove it" : "") + ")");
                }
            }
        }
        Files.createDirectories(dir);
        MigrationDestination destination = new MigrationDestination(dir);
        Files.createDirectory(destination.staging);
        return destination;
    }

    /** Where the store is written until {@link #complete()}. */
    Path staging() {
        return staging;
    }

    /** Moves the closed store into place. */
    void complete() throws IOException {
        Files.move(staging.resolve(FileStore.DATABASE_DIR), dir.resolve(FileStore.DATABASE_DIR), StandardCopyOption.ATOMIC_MOVE);
        deleteTree(staging);
    }

    /** Removes what was written; the directory stays, empty. */
    void abandon() throws IOException {
        deleteTree(staging);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
