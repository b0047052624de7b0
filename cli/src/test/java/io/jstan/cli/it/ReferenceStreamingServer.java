package io.jstan.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jstan.broker.testing.StanClients;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real nats-streaming-server 0.25 run as a child process with a FILE store, to write the stores
 * that jstan migrates. The binary is {@value #BINARY_ENV} when set, else {@value #BINARY_NAME} on the
 * PATH; a missing binary fails the test, as the migration cannot be tested against anything else.
 */
public final class ReferenceStreamingServer implements AutoCloseable {
    public static final String BINARY_NAME = "nats-streaming-server";
    public static final String BINARY_ENV = "NATS_STREAMING_SERVER";
    private static final Duration START_DEADLINE = Duration.ofSeconds(20);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(20);
    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on [^:\\s]+:(\\d+)");
    private static final Pattern MONITORING = Pattern.compile("Starting http monitor on [^:\\s]+:(\\d+)");
    private static final String READY = "Streaming Server is ready";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final StringBuilder output = new StringBuilder();
    private final Thread outputReader;

    private ReferenceStreamingServer(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        outputReader = new Thread(this::collectOutput, "nss-output-" + process.pid());
        outputReader.setDaemon(true);
        outputReader.start();
    }

    /**
     * Starts the server on 127.0.0.1 with a FILE store in {@code dir}, a port and a monitoring port
     * of the OS's choice, plus {@code args}; returns once it is ready.
     */
    public static ReferenceStreamingServer start(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(binary().toString(), "-a", "127.0.0.1", "-p", "-1", "-m", "-1",
                "--store", "file", "--dir", dir.toString()));
        command.addAll(List.of(args));
        ReferenceStreamingServer server = new ReferenceStreamingServer(command);
        try {
            server.await(Pattern.compile(Pattern.quote(READY)));
        } catch (RuntimeException | Error e) {
            server.process.destroyForcibly();
            throw e;
        }
        return server;
    }

    /**
     * The binary: {@value #BINARY_ENV} when set, else {@value #BINARY_NAME} on the PATH, else
     * shared/bench/bin beside the repository (or beside its work trees' folder).
     */
    public static Path binary() {
        String configured = System.getenv(BINARY_ENV);
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        Stream<Path> onThePath = Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, BINARY_NAME));
        Stream<Path> besideTheRepository = Stream.iterate(Path.of("").toAbsolutePath(), Objects::nonNull, Path::getParent)
                .map(dir -> dir.resolve("shared/bench/bin").resolve(BINARY_NAME));
        return Stream.concat(onThePath, besideTheRepository)
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("The reference '" + BINARY_NAME + "' 0.25 binary is neither named by "
                        + BINARY_ENV + " nor on the PATH nor in shared/bench/bin beside the repository: the tests that"
                        + " compare with it cannot run without it"));
    }

    public String url() {
        return "nats://127.0.0.1:" + await(LISTENING).group(1);
    }

    /** {@code http://127.0.0.1:<monitoring port>}. */
    public String monitorUrl() {
        return "http://127.0.0.1:" + await(MONITORING).group(1);
    }

    /** The monitoring endpoint's answer at {@code path}, e.g. {@code /streaming/channelsz?subs=1}. */
    public JsonNode monitor(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(monitorUrl() + path)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public StanClients clients() {
        return new StanClients(url());
    }

    /** SIGTERM, and waits for the process to end: the server closes its store. */
    public void stop() throws InterruptedException {
        process.toHandle().destroy();
        awaitExit();
    }

    /** SIGKILL: the server gets no chance to flush or close anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() throws InterruptedException {
        if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("nats-streaming-server did not exit within " + STOP_DEADLINE + ":\n" + output());
        }
        outputReader.join(STOP_DEADLINE.toMillis());
    }

    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    private Matcher await(Pattern pattern) {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        synchronized (output) {
            while (true) {
                Matcher matcher = pattern.matcher(output);
                if (matcher.find()) {
                    return matcher;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !outputReader.isAlive()) {
                    throw new AssertionError("nats-streaming-server did not log " + pattern + ":\n" + output);
                }
                try {
                    output.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    private void collectOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (output) {
                    output.append(line).append('\n');
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process ended.
        } finally {
            synchronized (output) {
                output.notifyAll();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
        System.out.println("---- nats-streaming-server (exit " + process.exitValue() + ")\n" + output());
    }
}
