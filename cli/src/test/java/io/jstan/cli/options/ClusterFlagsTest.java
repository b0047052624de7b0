package io.jstan.cli.options;

import io.jstan.broker.nats.ClusterOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.jstan.cli.options.Parsing.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nats-server's clustering flags and its cluster { } block. */
class ClusterFlagsTest {
    @TempDir
    Path dir;

    @Test
    void routesAreOffByDefault() throws Exception {
        ClusterOptions cluster = cluster();
        assertFalse(cluster.enabled());
        assertEquals(List.of(), cluster.routes());
    }

    @Test
    void flagsSetTheListenerTheRoutesAndTheirCredentials() throws Exception {
        ClusterOptions cluster = cluster("--cluster", "nats://ruser:rpass@127.0.0.1:6333", "--routes",
                "nats-route://a:6222, nats-route://u:p@b:6222", "--cluster_name", "east", "--cluster_advertise", "east-1:6222",
                "--no_advertise", "--connect_retries", "3");
        assertTrue(cluster.enabled());
        assertEquals("127.0.0.1", cluster.host());
        assertEquals(6333, cluster.port());
        assertEquals("ruser", cluster.user());
        assertEquals("rpass", cluster.password());
        assertEquals(List.of(URI.create("nats-route://a:6222"), URI.create("nats-route://u:p@b:6222")), cluster.routes());
        assertEquals("east", cluster.name());
        assertEquals("east-1:6222", cluster.advertise());
        assertTrue(cluster.noAdvertise());
        assertEquals(3, cluster.connectRetries());
    }

    @Test
    void clusterListenIsAnAliasAndARandomPortIsAllowed() throws Exception {
        ClusterOptions cluster = cluster("-a", "127.0.0.2", "--cluster_listen", "nats://:-1");
        assertEquals(-1, cluster.port());
        assertEquals("127.0.0.2", cluster.host(), "the client host when the URL has none");
        assertNull(cluster.name(), "made up by the server");
    }

    @Test
    void theClusterBlockSetsEverything() throws Exception {
        ClusterOptions cluster = cluster("-c", write("""
                cluster {
                  name: east
                  listen: "127.0.0.1:6222"
                  routes: [ "nats-route://a:6222", "nats-route://b:6222" ]
                  authorization { user: ruser, password: rpass, timeout: 3 }
                  tls { cert_file: "r.pem", key_file: "r-key.pem", ca_file: "ca.pem", timeout: 0.5, verify: true }
                  advertise: "east-1:6222"
                  no_advertise: true
                  connect_retries: 2
                }
                """));
        assertEquals("127.0.0.1", cluster.host());
        assertEquals(6222, cluster.port());
        assertEquals("east", cluster.name());
        assertEquals(List.of(URI.create("nats-route://a:6222"), URI.create("nats-route://b:6222")), cluster.routes());
        assertEquals("ruser", cluster.user());
        assertEquals("rpass", cluster.password());
        assertEquals(Duration.ofSeconds(3), cluster.authTimeout());
        assertEquals(Path.of("r.pem"), cluster.tlsCert());
        assertEquals(Path.of("r-key.pem"), cluster.tlsKey());
        assertEquals(Path.of("ca.pem"), cluster.tlsCaCert());
        assertEquals(Duration.ofMillis(500), cluster.tlsTimeout());
        assertTrue(cluster.tlsEnabled());
        assertEquals("east-1:6222", cluster.advertise());
        assertTrue(cluster.noAdvertise());
        assertEquals(2, cluster.connectRetries());
    }

    @Test
    void hostAndPortKeysAndFlagsOverTheFile() throws Exception {
        String file = write("cluster { host: 10.0.0.1, port: 6222, name: file, routes: [\"nats-route://a:6222\"] }");
        ClusterOptions fromFile = cluster("-c", file);
        assertEquals("10.0.0.1", fromFile.host());
        assertEquals(6222, fromFile.port());
        ClusterOptions overridden = cluster("-c", file, "--cluster", "nats://127.0.0.1:7222", "--cluster_name", "flag",
                "--routes", "nats-route://b:7222");
        assertEquals("127.0.0.1", overridden.host());
        assertEquals(7222, overridden.port());
        assertEquals("flag", overridden.name());
        assertEquals(List.of(URI.create("nats-route://b:7222")), overridden.routes());
    }

    @Test
    void routesWithoutAListenerAreRefused() {
        UsageException error = assertThrows(UsageException.class, () -> settings("--routes", "nats-route://a:6222"));
        assertTrue(error.getMessage().startsWith("routes need a route listener of this server"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nats-route://no-port", "not a url", "nats-route://:6222"})
    void malformedRouteUrlsAreRefused(String url) {
        UsageException error = assertThrows(UsageException.class,
                () -> settings("--cluster", "nats://127.0.0.1:6222", "--routes", url));
        assertTrue(error.getMessage().startsWith("invalid route URL '" + url + "'"), error.getMessage());
    }

    @Test
    void incompleteRouteTlsIsRefused() throws Exception {
        String file = write("cluster { listen: 6222, tls { cert_file: r.pem, key_file: r-key.pem } }");
        UsageException error = assertThrows(UsageException.class, () -> settings("-c", file));
        assertEquals("route TLS needs cert_file, key_file and ca_file in cluster { tls { } }", error.getMessage());
    }

    @Test
    void routeTlsWithoutVerificationIsRefused() throws Exception {
        String file = write("cluster { listen: 6222, tls { cert_file: r.pem, key_file: k.pem, ca_file: ca.pem, verify: false } }");
        UsageException error = assertThrows(UsageException.class, () -> settings("-c", file));
        assertTrue(error.getMessage().startsWith("route TLS always verifies"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"permissions { import: [\">\"] }", "authorization { token: secret }", "pool_size: 3", "compression: s2_auto"})
    void clusterKeysJstanCannotHonourAreRefused(String entry) throws Exception {
        String file = write("cluster { listen: 6222, " + entry + " }");
        UsageException error = assertThrows(UsageException.class, () -> settings("-c", file));
        String key = "cluster." + (entry.startsWith("authorization") ? "authorization.token" : entry.split("[ :]")[0]);
        assertEquals(file + ": '" + key + "' is not supported by jstan yet", error.getMessage());
    }

    private ClusterOptions cluster(String... args) throws UsageException {
        return settings(args).nats().cluster();
    }

    private String write(String config) throws IOException {
        return Files.writeString(dir.resolve("cluster.conf"), config).toString();
    }
}
