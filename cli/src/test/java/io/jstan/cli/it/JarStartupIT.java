package io.jstan.cli.it;

import io.jstan.broker.testing.StanClients;
import io.jstan.store.testing.FreePorts;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A client started with the server, as a readiness probe or a test harness starts it, connects
 * the instant the client port accepts a connection, with java-nats-streaming's default timeouts:
 * it is served, every time.
 */
@Timeout(300)
class JarStartupIT {
    private static final int STARTS = 20;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    @TempDir
    Path dirs;

    @ParameterizedTest
    @ValueSource(strings = {"MEMORY", "FILE"})
    void aClientThatConnectsTheInstantThePortAcceptsIsServed(String storeType) throws Exception {
        for (int start = 1; start <= STARTS; start++) {
            int port = FreePorts.next();
            List<String> args = new ArrayList<>(List.of("-a", "127.0.0.1", "-p", Integer.toString(port), "-st", storeType));
            if (storeType.equals("FILE")) {
                args.addAll(List.of("--dir", dirs.resolve("store-" + start).toString()));
            }
            try (JstanJar jstan = JstanJar.launch(args.toArray(String[]::new))) {
                awaitPortAccepts(jstan, port);
                try (StreamingConnection client = NatsStreaming.connect(StanClients.CLUSTER_ID, "starter",
                        new Options.Builder().natsUrl("nats://127.0.0.1:" + port).build())) {
                    client.publish("started", StanClients.bytes("start " + start));
                } catch (IOException e) {
                    fail("start " + start + " of " + storeType + ": " + e + "\n" + jstan.output());
                }
            }
        }
    }

    private static void awaitPortAccepts(JstanJar jstan, int port) throws IOException {
        long deadline = System.nanoTime() + JstanJar.START_DEADLINE.toNanos();
        while (!accepts(port)) {
            if (!jstan.isAlive() || System.nanoTime() > deadline) {
                fail("port " + port + " did not accept within " + JstanJar.START_DEADLINE + ":\n" + jstan.output());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static boolean accepts(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
