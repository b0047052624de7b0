package io.jstan.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file holding the server's pid (-P), for {@code -sl} and for service managers. */
final class PidFile {
    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    /** Writes this process's pid, as nats-server does: the number alone. */
    static PidFile write(Path path) throws IOException {
        Files.writeString(path, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        return new PidFile(path);
    }

    void delete() throws IOException {
        Files.deleteIfExists(path);
    }

    Path path() {
        return path;
    }
}
