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
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;

/**
 * Loads RocksDB's native library. RocksDB on its own copies its library (17 MB) out of the jar into
 * a new temporary file at every start, which costs a few hundred milliseconds of a start; here it
 * is copied once into the user's cache directory ({@code $XDG_CACHE_HOME/jstan}, else
 * {@code ~/.cache/jstan}), in a directory named after the library's checksum in the jar, and
 * loaded from there at every later start. Without a usable cache, RocksDB loads it its own way.
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

    /** {@code $XDG_CACHE_HOME/jstan}, else {@code ~/.cache/jstan}; empty when neither is an absolute path. */
    private static Optional<Path> cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg, "jstan"));
        }
        Path home = Path.of(System.getProperty("user.home", ""));
        return home.isAbsolute() ? Optional.of(home.resolve(".cache").resolve("jstan")) : Optional.empty();
    }
}
