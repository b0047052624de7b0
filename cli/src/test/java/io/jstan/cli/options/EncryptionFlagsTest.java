package io.jstan.cli.options;

import io.jstan.store.crypto.EncryptionCipher;
import io.jstan.store.crypto.EncryptionKey;
import io.jstan.store.crypto.StoreEncryption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.jstan.cli.options.Parsing.run;
import static io.jstan.cli.options.Parsing.runIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** --encrypt, --encryption_cipher, --encryption_key, their keys and NATS_STREAMING_ENCRYPTION_KEY. */
class EncryptionFlagsTest {
    private static final String[] FILE_STORE = {"-st", "FILE", "--dir", "/data"};
    private static final Map<String, String> KEY_IN_ENVIRONMENT = Map.of("NATS_STREAMING_ENCRYPTION_KEY", "from-env");

    @TempDir
    Path dir;

    @Test
    void noEncryptionByDefault() throws Exception {
        assertNull(encryption(run(FILE_STORE)));
        assertNull(encryption(run(with("--encrypt=false"))));
    }

    @Test
    void encryptWithAKeyIsAesByDefault() throws Exception {
        assertEquals(aes("k"), encryption(run(with("--encrypt", "--encryption_key", "k"))));
    }

    @Test
    void aKeyAloneTurnsEncryptionOnAsInNatsStreamingServer() throws Exception {
        assertEquals(aes("k"), encryption(run(with("--encryption_key=k"))));
    }

    @Test
    void chachaInAnyCase() throws Exception {
        assertEquals(new StoreEncryption(EncryptionCipher.CHACHA, EncryptionKey.of("k")),
                encryption(run(with("--encryption_cipher", "ChaCha", "--encryption_key", "k"))));
    }

    @Test
    void theEnvironmentKeyWinsOverTheFlag() throws Exception {
        assertEquals(aes("from-env"), encryption(runIn(KEY_IN_ENVIRONMENT, with("--encryption_key", "k"))));
        assertEquals(aes("from-env"), encryption(runIn(KEY_IN_ENVIRONMENT, with("--encrypt"))));
    }

    @Test
    void theEnvironmentKeyAloneTurnsNothingOn() throws Exception {
        assertNull(encryption(runIn(KEY_IN_ENVIRONMENT, FILE_STORE)));
    }

    @Test
    void encryptWithoutAKeyIsRefused() {
        UsageException refused = assertThrows(UsageException.class, () -> run(with("--encrypt")));
        assertEquals("encryption key required (--encryption_key, or the NATS_STREAMING_ENCRYPTION_KEY environment"
                + " variable)", refused.getMessage());
    }

    @Test
    void configurationKeys() throws Exception {
        Path file = dir.resolve("stan.conf");
        Files.writeString(file, "streaming {\n store: file\n dir: /data\n encrypt: true\n encryption_cipher: chacha\n"
                + " encryption_key: \"from file\"\n}\n");
        assertEquals(new StoreEncryption(EncryptionCipher.CHACHA, EncryptionKey.of("from file")),
                encryption(run("-c", file.toString())));
        assertEquals(aes("from flag"), encryption(run("-c", file.toString(), "--encryption_cipher", "aes",
                "--encryption_key", "from flag")));
    }

    @Test
    void aKeyInTheFileAloneTurnsEncryptionOn() throws IOException, UsageException {
        Path file = dir.resolve("stan.conf");
        Files.writeString(file, "streaming { store: file, dir: /data, encryption_key: k }\n");
        assertEquals(aes("k"), encryption(run("-c", file.toString())));
    }

    private static String[] with(String... args) {
        String[] all = new String[FILE_STORE.length + args.length];
        System.arraycopy(FILE_STORE, 0, all, 0, FILE_STORE.length);
        System.arraycopy(args, 0, all, FILE_STORE.length, args.length);
        return all;
    }

    private static StoreEncryption aes(String key) {
        return new StoreEncryption(EncryptionCipher.AES, EncryptionKey.of(key));
    }

    private static StoreEncryption encryption(Invocation.RunServer run) {
        return run.settings().streaming().encryption();
    }
}
