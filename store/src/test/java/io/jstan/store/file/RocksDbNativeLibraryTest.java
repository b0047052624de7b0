package io.jstan.store.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RocksDB's native library is copied out of its jar once, and later starts load that copy. */
class RocksDbNativeLibraryTest {
    @TempDir
    Path cache;

    @Test
    void theCopyIsMadeOnceAndKept() throws IOException {
        Path copy = RocksDbNativeLibrary.cachedCopy(cache).orElseThrow();
        assertTrue(copy.startsWith(cache), copy.toString());
        FileTime made = Files.getLastModifiedTime(copy);
        Files.setLastModifiedTime(copy, FileTime.fromMillis(made.toMillis() - 60_000));
        FileTime aged = Files.getLastModifiedTime(copy);

        assertEquals(Optional.of(copy), RocksDbNativeLibrary.cachedCopy(cache));
        assertEquals(aged, Files.getLastModifiedTime(copy), "the copy was made again");
    }

    @Test
    void anIncompleteCopyIsReplaced() throws IOException {
        Path copy = RocksDbNativeLibrary.cachedCopy(cache).orElseThrow();
        long size = Files.size(copy);
        Files.writeString(copy, "cut short");

        assertEquals(Optional.of(copy), RocksDbNativeLibrary.cachedCopy(cache));
        assertEquals(size, Files.size(copy));
        try (var files = Files.list(copy.getParent())) {
            assertEquals(List.of(copy), files.toList(), "nothing else is left in the cache");
        }
    }

    @Test
    void noCopyWhereTheCacheCannotBeWritten() throws IOException {
        Path notADirectory = Files.writeString(cache.resolve("file"), "taken");

        assertEquals(Optional.empty(), RocksDbNativeLibrary.cachedCopy(notADirectory));
    }

    /** In a JVM of its own, as RocksDB's library is loaded once per process: the one mapped is the cached copy. */
    @Test
    void aNewProcessLoadsTheCachedCopy() throws Exception {
        for (int start = 1; start <= 2; start++) {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + cache, "-cp", System.getProperty("java.class.path"), LoadAndTell.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.strip().startsWith(cache.resolve("jstan-" + System.getProperty("user.name")).toString()), "start " + start + " mapped: " + output);
        }
    }

    /** Loads the library with the cache in its temporary directory, and prints the path of the library file mapped in. */
    static final class LoadAndTell {
        public static void main(String[] args) throws IOException {
            RocksDbNativeLibrary.load();
            Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.contains("rocksdbjni"))
                    .map(line -> line.substring(line.indexOf('/')))
                    .findFirst()
                    .ifPresentOrElse(System.out::println, () -> System.out.println("no rocksdbjni library mapped"));
        }
    }
}
