package io.jstan.cli.it;

import io.jstan.broker.testing.StanClients;
import io.jstan.store.testing.FreePorts;
import io.nats.streaming.StreamingConnection;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A clustered node can be profiled with Java Flight Recorder, as operators of Java servers do:
 * HotSpot suspends the threads it samples with SIGUSR2, which SOFAJRaft's classes take for
 * themselves when they load; jstan leaves it to the JVM.
 */
@Timeout(120)
class JarFlightRecorderIT {
    private static final int MESSAGES = 500;

    @TempDir
    Path dir;

    @Test
    void aClusteredNodeRecordsSamplesAndLogsNoSignals() throws Exception {
        Path recording = dir.resolve("node.jfr");
        String output;
        try (JstanJar node = JstanJar.startWithJvmOptions(
                List.of("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording),
                "-a", "127.0.0.1", "-p", "-1", "-st", "FILE", "--dir", dir.resolve("store").toString(), "--clustered",
                "--cluster_node_id", "a", "--cluster_raft_addr", "127.0.0.1:" + FreePorts.next(), "--cluster_bootstrap")) {
            node.awaitOutput(JstanJar.STREAMING_READY, JstanJar.START_DEADLINE);
            try (StreamingConnection client = node.stanClients().connect()) {
                for (int i = 0; i < MESSAGES; i++) {
                    client.publish("profiled", StanClients.bytes("message " + i));
                }
            }
            output = node.output();
        }
        assertFalse(output.contains("signal"), () -> "a signal reached a handler other than the JVM's:\n" + output);
        assertTrue(executionSamples(recording) > 0, "the recording has the samples of the node's threads");
    }

    /**
     * SOFAJRaft takes SIGUSR2 for a moment while its classes load (until jstan gives it back to the
     * JVM): a sample then must find no handler of SOFAJRaft's to write diagnostics into the working
     * directory.
     */
    @Test
    void theJarCarriesNoneOfSofaJraftsSignalHandlers() throws Exception {
        try (JarFile jar = new JarFile(JstanJar.jar().toFile())) {
            assertNull(jar.getEntry("META-INF/services/com.alipay.sofa.jraft.util.JRaftSignalHandler"));
        }
    }

    private static long executionSamples(Path recording) throws Exception {
        return RecordingFile.readAllEvents(recording).stream().map(RecordedEvent::getEventType)
                .filter(type -> type.getName().equals("jdk.ExecutionSample")).count();
    }
}
