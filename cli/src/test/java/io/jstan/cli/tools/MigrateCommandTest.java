package io.jstan.cli.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code jstan migrate}'s refusals, told before anything is read or written. The migrations themselves are in JarMigrateIT. */
class MigrateCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int migrate(String... args) {
        List<String> all = new ArrayList<>(List.of("migrate"));
        all.addAll(List.of(args));
        return ClientTools.run(all, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void bothDirectoriesAreRequired() {
        assertEquals(2, migrate("--to", dir.resolve("to").toString()));
        assertTrue(err().contains("--from"), err());
    }

    @Test
    void aDirectoryWithoutServerFileIsNoStore() {
        assertEquals(1, migrate("--from", dir.toString(), "--to", dir.resolve("to").toString()));
        assertTrue(err().contains(dir + " is not a nats-streaming-server FILE store: it has no server.dat"), err());
        assertFalse(Files.exists(dir.resolve("to")), "nothing is created");
    }

    @Test
    void encryptingNeedsAKey() {
        assertEquals(2, migrate("--from", dir.toString(), "--to", dir.resolve("to").toString(), "--encrypt"));
        assertTrue(err().contains("--encrypt needs a key"), err());
    }

    @Test
    void theCipherIsTheEncryptedStoresOnly() {
        assertEquals(2, migrate("--from", dir.toString(), "--to", dir.resolve("to").toString(), "--encryption_cipher", "CHACHA"));
        assertTrue(err().contains("--encryption_cipher is the cipher of the jstan store: it needs --encrypt"), err());
    }

    @Test
    void theServersConfigurationIsReadAsTheServerReadsIt() throws Exception {
        Path config = Files.writeString(dir.resolve("nss.conf"), "streaming: { store_limits: { max_msgs: 10 }\n");
        assertEquals(2, migrate("--from", dir.toString(), "--to", dir.resolve("to").toString(), "-c", config.toString()));
        assertTrue(err().contains("the server's configuration: "), err());
    }
}
