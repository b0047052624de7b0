package io.jstan.cli.streaming;

import io.jstan.cli.options.ExternalNats;
import io.jstan.cli.options.NatsClientTls;
import io.nats.client.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExternalNatsOptionsTest {
    private static final NatsClientTls NO_TLS = new NatsClientTls(false, null, null, null);
    private static final List<String> URLS = List.of("nats://a:4222", "nats://b:4222");

    @Test
    void serversCredentialsAndNatsStreamingServersConnectionName() throws Exception {
        Options options = ExternalNatsOptions.of(new ExternalNats(URLS, "alice", "pw", null, NO_TLS), "orders");
        assertEquals(URLS, options.getUnprocessedServers());
        assertEquals("_NSS-orders-general", options.getConnectionName());
        assertArrayEquals("alice".toCharArray(), options.getUsernameChars());
        assertArrayEquals("pw".toCharArray(), options.getPasswordChars());
        assertNull(options.getSslContext());
    }

    @Test
    void tokenAndUserWithoutPassword() throws Exception {
        assertArrayEquals("t0k3n".toCharArray(),
                ExternalNatsOptions.of(new ExternalNats(URLS, null, null, "t0k3n", NO_TLS), "c").getTokenChars());
        assertArrayEquals(new char[0], ExternalNatsOptions.of(new ExternalNats(URLS, "alice", null, null, NO_TLS), "c").getPasswordChars());
    }

    @Test
    void secureAloneUsesTls() throws Exception {
        NatsClientTls secure = new NatsClientTls(true, null, null, null);
        assertNotNull(ExternalNatsOptions.of(new ExternalNats(URLS, null, null, null, secure), "c").getSslContext());
    }

    @Test
    void unreadableCertificateIsToldInOneLine(@TempDir Path dir) {
        NatsClientTls missing = new NatsClientTls(false, dir.resolve("cert.pem"), dir.resolve("key.pem"), null);
        IOException error = assertThrows(IOException.class,
                () -> ExternalNatsOptions.of(new ExternalNats(URLS, null, null, null, missing), "c"));
        assertTrue(error.getMessage().startsWith("cannot load the TLS files for the connection to NATS: "), error.getMessage());
        assertEquals(1, error.getMessage().lines().count(), error.getMessage());
    }
}
