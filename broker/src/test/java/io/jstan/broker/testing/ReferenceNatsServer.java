package io.jstan.broker.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real nats-server binary run as a child process on 127.0.0.1, the reference jstan's
 * embedded server is compared with. A missing binary fails the test: CI installs it
 * ({@code apt-get install -y nats-server}), so skipping would hide the comparison.
 *
 * <p>The server picks its own port ({@code -p -1}) and reports it through a ports file,
 * which avoids the race of probing for a free port and handing it over.
 */
public final class ReferenceNatsServer implements AutoCloseable {
    public static final String BINARY_NAME = "nats-server";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(20);

    private final Process process;
    private final Path workDir;
    private final int port;

    private ReferenceNatsServer(Process process, Path workDir, int port) {
        this.process = process;
        this.workDir = workDir;
        this.port = port;
    }

    /** The route port, when started with {@code --cluster} (e.g. {@code nats://127.0.0.1:-1}): read from the ports file. */
    public int clusterPort() {
        try {
            return portFromPortsFile(workDir, "cluster").orElseThrow(() -> new IllegalStateException(
                    "nats-server reports no route port: was it started with --cluster?"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String routeUrl() {
        return "nats-route://127.0.0.1:" + clusterPort();
    }

    /** Kills the process at once (SIGKILL), as a crash would; {@link #close()} still cleans up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Starts nats-server with extra command-line arguments, e.g. {@code "--user", "a", "--pass", "b"}. */
    public static ReferenceNatsServer start(String... extraArgs) throws IOException {
        return startWithConfig(null, extraArgs);
    }

    /**
     * Starts nats-server with a configuration file holding {@code config} (nats-server's config
     * syntax, e.g. {@code "max_payload: 1024\nmax_control_line: 4096"}) for the settings that have
     * no command-line flag, plus extra command-line arguments.
     */
    public static ReferenceNatsServer startWithConfig(String config, String... extraArgs) throws IOException {
        Path binary = findBinary();
        Path workDir = Files.createTempDirectory("reference-nats-server");
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "-a", "127.0.0.1", "-p", "-1", "--ports_file_dir", workDir.toString()));
        if (config != null) {
            Path configFile = Files.writeString(workDir.resolve("nats-server.conf"), config);
            command.addAll(List.of("-c", configFile.toString()));
        }
        command.addAll(List.of(extraArgs));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("nats-server.log").toFile())
                .start();
        try {
            int port = awaitListening(process, workDir);
            return new ReferenceNatsServer(process, workDir, port);
        } catch (IOException | RuntimeException e) {
            stop(process, workDir);
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Everything the server logged so far (with {@code -V}: the protocol trace). */
    public String log() {
        return readLog(workDir);
    }

    /** Stops the server, waits for the process to exit and removes its working directory. */
    @Override
    public void close() {
        stop(process, workDir);
    }

    private static void stop(Process process, Path workDir) {
        process.destroy();
        try {
            if (!process.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        TestDirectories.deleteRecursively(workDir);
    }

    /** On the PATH, else where packages put it: Debian installs it in /usr/sbin, often not on a user's PATH. */
    private static Path findBinary() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/sbin", "/usr/bin", "/usr/local/bin"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, BINARY_NAME))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The reference '" + BINARY_NAME
                        + "' binary is neither on the PATH nor in /usr/sbin, /usr/bin, /usr/local/bin: install it (apt-get install -y nats-server); "
                        + "the conformance tests compare jstan against it and cannot run without it"));
    }

    /** Waits for the ports file, then for the port to accept a connection. */
    private static int awaitListening(Process process, Path workDir) throws IOException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Optional<Integer> port = Optional.empty();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server exited with status " + process.exitValue()
                        + " before listening; its output:\n" + readLog(workDir));
            }
            if (port.isEmpty()) {
                port = readPortsFile(workDir);
            }
            if (port.isPresent() && accepts(port.get())) {
                return port.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nats-server did not listen within " + STARTUP_TIMEOUT
                        + "; its output:\n" + readLog(workDir));
            }
            pauseBeforeRetry(process);
        }
    }

    /** The client port from nats-server's {@code <binary>_<pid>.ports} file, once it is complete. */
    private static Optional<Integer> readPortsFile(Path workDir) throws IOException {
        return portFromPortsFile(workDir, "nats");
    }

    private static Optional<Integer> portFromPortsFile(Path workDir, String listener) throws IOException {
        try (Stream<Path> files = Files.list(workDir)) {
            Optional<Path> portsFile = files.filter(f -> f.getFileName().toString().endsWith(".ports")).findFirst();
            if (portsFile.isEmpty()) {
                return Optional.empty();
            }
            JsonNode urls = new ObjectMapper().readTree(portsFile.get().toFile()).path(listener);
            return urls.isArray() && !urls.isEmpty()
                    ? Optional.of(URI.create(urls.get(0).asText()).getPort())
                    : Optional.empty();
        } catch (IOException partiallyWritten) {
            return Optional.empty();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) RETRY_PAUSE.toMillis() * 10);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** Waits a little for the process to progress; returns early if it exits. */
    private static void pauseBeforeRetry(Process process) {
        try {
            process.waitFor(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for nats-server to start", e);
        }
    }

    private static String readLog(Path workDir) {
        try {
            return Files.readString(workDir.resolve("nats-server.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
