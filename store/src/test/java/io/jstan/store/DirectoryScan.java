package io.jstan.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Reads every file under a store's directory as bytes: where plaintext must not be found. */
public final class DirectoryScan {
    private DirectoryScan() {
    }

    /** The files under {@code dir} whose bytes hold {@code text} (UTF-8). */
    public static List<Path> filesHolding(Path dir, String text) {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> holds(file, wanted)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean holds(Path file, byte[] wanted) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int start = 0; start + wanted.length <= bytes.length; start++) {
            if (Arrays.equals(bytes, start, start + wanted.length, wanted, 0, wanted.length)) {
                return true;
            }
        }
        return false;
    }
}
