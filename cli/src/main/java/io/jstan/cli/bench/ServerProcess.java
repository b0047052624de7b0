package io.jstan.cli.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** A NATS server started as a child process for a benchmark: jstan's jar or Debian's nats-server. */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_DEADLINE = Duration.ofSeconds(30);
    /** Polling for the port costs CPU that the starting server needs: poll once a millisecond. */
    private static final long POLL_INTERVAL_NANOS = 1_000_000;

    private final String name;
    private final Process process;
    private final int port;
    private final Duration startup;

    private ServerProcess(String name, Process process, int port, Duration startup) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.startup = startup;
    }

    static ServerProcess jstan(Path jar) throws IOException {
        return jstan(jar, List.of());
    }

    /** jstan on 127.0.0.1 and a free port, with {@code extraArgs} (e.g. routes). */
    static ServerProcess jstan(Path jar, List<String> extraArgs) throws IOException {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(extraArgs);
        return start("jstan", command, port);
    }

    static ServerProcess natsServer(String binary) throws IOException {
        return natsServer(binary, List.of());
    }

    /** nats-server on 127.0.0.1 and a free port, with {@code extraArgs} (e.g. routes). */
    static ServerProcess natsServer(String binary, List<String> extraArgs) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(binary, "-a", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(extraArgs);
        return start("nats-server", command, port);
    }

    private static ServerProcess start(String name, List<String> command, int port) throws IOException {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = started + START_DEADLINE.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + " before accepting: " + command);
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException(name + " did not accept connections within " + START_DEADLINE);
            }
            LockSupport.parkNanos(POLL_INTERVAL_NANOS);
        }
        return new ServerProcess(name, process, port, Duration.ofNanos(System.nanoTime() - started));
    }

    String name() {
        return name;
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** From the process's start to its first accepted connection. */
    Duration startup() {
        return startup;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
