package io.jstan.store.file;

import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;

/**
 * Loads RocksDB's native library. RocksDB on its own copies its library (17 MB) out of the jar into
 * a new temporary file at every start, which costs a few hundred milliseconds of a start; here it
 * is copied once into a directory of the user's own in the temporary directory
 * ({@code /tmp/jstan-<user>}, readable by its owner only, so that nobody else can put a library
 * there; nothing is written in the user's home), in a directory named after the library's
 * checksum in the jar, and loaded from there at every later start. Without a usable cache,
 * RocksDB loads it its own way.
 */
final class RocksDbNativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDbNativeLibrary.class);
    /** Where RocksDB keeps the library in its jar. */
    private static final String RESOURCE = Environment.getJniLibraryFileName("rocksdb");
    /** The file name that {@link RocksDB#loadLibrary(List)} looks for in each directory it is given. */
    private static final String CACHED_NAME = Environment.getJniLibraryFileName("rocksdbjni");
    private static boolean loaded;

    private RocksDbNativeLibrary() {
    }

    /** Loads the library, once per process; later calls return at once. */
    static synchronized void load() {
        if (!loaded) {
            if (!loadCachedCopy()) {
                RocksDB.loadLibrary();
            }
            loaded = true;
        }
    }

    private static boolean loadCachedCopy() {
        Optional<Path> copy = cacheRoot().flatMap(RocksDbNativeLibrary::cachedCopy);
        if (copy.isEmpty()) {
            return false;
        }
        try {
            RocksDB.loadLibrary(List.of(copy.get().getParent().toString()));
            return true;
        } catch (UnsatisfiedLinkError e) {
            LOG.debug("Cannot load RocksDB's library from {}: {}", copy.get(), e.getMessage());
            return false;
        }
    }

    /**
     * The library's copy in {@code cacheRoot}, made now if it is missing or incomplete; empty when
     * the library is not in a jar or the copy cannot be made.
     */
    static Optional<Path> cachedCopy(Path cacheRoot) {
        URL resource = RocksDB.class.getClassLoader().getResource(RESOURCE);
        if (resource == null) {
            return Optional.empty();
        }
        try {
            URLConnection connection = resource.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return Optional.empty();
            }
            JarEntry entry = jar.getJarEntry();
            Path file = cacheRoot.resolve("rocksdbjni-" + Long.toHexString(entry.getCrc()) + "-" + entry.getSize())
                    .resolve(CACHED_NAME);
            if (!Files.isRegularFile(file) || Files.size(file) != entry.getSize()) {
                copy(resource, file);
            }
            return Optional.of(file);
        } catch (IOException | SecurityException e) {
            LOG.debug("Cannot keep RocksDB's library in {}: {}", cacheRoot, e.toString());
            return Optional.empty();
        }
    }

    /** Written aside and renamed into place: a start running at the same time never loads half a file. */
    private static void copy(URL resource, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = Files.createTempFile(file.getParent(), CACHED_NAME, ".partial");
        try (InputStream in = resource.openStream()) {
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * {@code <tmpdir>/jstan-<user>}, made readable and writable by its owner only; empty when it
     * cannot be, or belongs to someone else, or others may write in it.
     */
    private static Optional<Path> cacheRoot() {
        String user = System.getProperty("user.name", "");
        if (user.isEmpty() || !user.matches("[A-Za-z0-9._-]+")) {
            return Optional.empty();
        }
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "jstan-" + user);
        try {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            boolean ours = Files.getOwner(root, LinkOption.NOFOLLOW_LINKS).getName().equals(user);
            boolean ownerOnly = Files.getPosixFilePermissions(root, LinkOption.NOFOLLOW_LINKS)
                    .equals(PosixFilePermissions.fromString("rwx------"));
            return ours && ownerOnly ? Optional.of(root) : Optional.empty();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.debug("Cannot keep RocksDB's library in {}: {}", root, e.toString());
            return Optional.empty();
        }
    }
}
