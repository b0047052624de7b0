package io.jstan.cli.it;

import io.jstan.store.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a clustered node refuses to start with, each with one clear line: flags that contradict each
 * other (exit code 2, as every mistake in the command line), and a store that is not this node's
 * clustered store (exit code 1, as every failed start).
 */
@Timeout(180)
class JarClusterFlagsIT {
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final int FAILURE = 1;
    private static final int USAGE = 2;

    @TempDir
    Path dir;

    @Test
    void clusteringTheMemoryStoreIsRefused() throws Exception {
        assertRefused(USAGE, "stan: clustering mode not supported with MEMORY store type", "--clustered");
    }

    @Test
    void aFaultToleranceGroupWithClusteringIsRefused() throws Exception {
        assertRefused(USAGE, "--ft_group and --clustered cannot be used together",
                "--clustered", "-st", "FILE", "--dir", dir.toString(), "--ft_group", "ft");
    }

    @Test
    void bootstrapWithPeersIsRefused() throws Exception {
        assertRefused(USAGE, "--cluster_bootstrap and --cluster_peers cannot be used together",
                "--clustered", "-st", "FILE", "--dir", dir.toString(), "--cluster_bootstrap", "--cluster_peers", "a,b,c");
    }

    @Test
    void aNodeIdOtherThanTheStoredOneIsRefused() throws Exception {
        try (JstanJar node = clustered("a", "--cluster_bootstrap")) {
            node.awaitOutput(JstanJar.STREAMING_READY, JstanJar.START_DEADLINE);
        }
        assertRefused(FAILURE, "node ID \"b\" does not match recovered value of \"a\"", clusteredArgs("b", "--cluster_bootstrap"));
    }

    @Test
    void aStandaloneStoreIsNotRestartedClustered() throws Exception {
        try (JstanJar standalone = JstanJar.localStreaming("-st", "FILE", "--dir", dir.toString())) {
            assertTrue(standalone.port() > 0);
        }
        assertRefused(FAILURE, "stan: cannot restart server in clustered mode if it was not previously clustered",
                clusteredArgs("a", "--cluster_bootstrap"));
    }

    @Test
    void aClusteredStoreIsNotRestartedStandalone() throws Exception {
        try (JstanJar node = clustered("a", "--cluster_bootstrap")) {
            node.awaitOutput(JstanJar.STREAMING_READY, JstanJar.START_DEADLINE);
        }
        assertRefused(FAILURE, "stan: cannot restart server in standalone mode if it was previously clustered",
                "-a", "127.0.0.1", "-p", "-1", "-st", "FILE", "--dir", dir.toString());
    }

    private JstanJar clustered(String nodeId, String... more) throws IOException {
        return JstanJar.start(clusteredArgs(nodeId, more));
    }

    private String[] clusteredArgs(String nodeId, String... more) {
        String[] base = {"-a", "127.0.0.1", "-p", "-1", "-st", "FILE", "--dir", dir.toString(), "--clustered",
                "--cluster_node_id", nodeId, "--cluster_raft_addr", "127.0.0.1:" + FreePorts.next()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void assertRefused(int exitCode, String line, String... args) throws Exception {
        try (JstanJar jar = JstanJar.launch(args)) {
            assertEquals(exitCode, jar.awaitExit(EXIT), jar::output);
            assertTrue(jar.output().contains(line), () -> "expected '" + line + "' in:\n" + jar.output());
        }
    }
}
