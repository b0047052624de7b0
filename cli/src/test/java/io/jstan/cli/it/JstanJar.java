package io.jstan.cli.it;

import io.jstan.broker.testing.StanClients;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shaded jstan jar ({@code -Djstan.jar}, set by failsafe) run as a process of its own,
 * {@code java -jar jstan.jar <flags>}, as a user runs it. Its merged stdout and stderr are
 * collected as they come; {@link #port()} is read from the log line announcing the client
 * listener, waited for with a deadline. A client tool ({@code jstan pub ...}) is started with
 * {@link #launch}, which waits for nothing. {@link #startWithLauncher} runs the distribution's launcher
 * (bin/jstan) instead, as a user of the distribution runs it.
 */
public final class JstanJar implements AutoCloseable {
    public static final Duration START_DEADLINE = Duration.ofSeconds(30);
    /** The line after which streaming clients are served. */
    public static final String STREAMING_READY = "STREAM: Streaming Server is ready";
    /** The JVM's exit code after SIGTERM (128 + 15), which nats-streaming-server's is too. */
    public static final int TERMINATED = 143;
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(10);
    private static final Pattern LISTENING = Pattern.compile("Listening for client connections on (\\S+):(\\d+)");
    private static final Pattern LISTENING_FOR_ROUTES = Pattern.compile("Listening for route connections on (\\S+):(\\d+)");
    private static final List<String> LOCAL_RANDOM_PORT = List.of("-a", "127.0.0.1", "-p", "-1");

    private final List<String> command;
    private final Process process;
    private final Path configFile;
    private final Thread outputReader;
    private final StringBuilder output = new StringBuilder();
    private boolean outputEnded;
    private int port = -1;

    private JstanJar(List<String> args, Path configFile) throws IOException {
        this(List.of(), args, configFile);
    }

    private JstanJar(List<String> jvmOptions, List<String> args, Path configFile) throws IOException {
        this(javaJar(jvmOptions), Map.of(), args, configFile);
    }

    /** Runs {@code program} (the JVM with the jar, or the launcher) with {@code environment} added to this process's. */
    private JstanJar(List<String> program, Map<String, String> environment, List<String> args, Path configFile)
            throws IOException {
        this.configFile = configFile;
        // A process started from a background shell inherits SIGINT ignored; restore it.
        command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(program);
        if (configFile != null) {
            command.addAll(List.of("-c", configFile.toString()));
        }
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        process = builder.start();
        outputReader = new Thread(this::collectOutput, "jstan-output-" + process.pid());
        outputReader.setDaemon(true);
        outputReader.start();
    }

    /** Runs the jar with exactly {@code args}; returns once it listens for clients. */
    public static JstanJar start(String... args) throws IOException {
        return started(new JstanJar(List.of(args), null));
    }

    /** Runs the jar with exactly {@code args}; returns once its output has {@code line}, for a run that listens for no client (-ns). */
    public static JstanJar startUntil(String line, String... args) throws IOException {
        JstanJar jar = new JstanJar(List.of(args), null);
        awaitStart(jar, Pattern.compile(Pattern.quote(line)));
        return jar;
    }

    /** Runs the jar in a JVM started with {@code jvmOptions}, with exactly {@code args}; returns once it listens for clients. */
    public static JstanJar startWithJvmOptions(List<String> jvmOptions, String... args) throws IOException {
        return started(new JstanJar(jvmOptions, List.of(args), null));
    }

    /**
     * Runs {@code launcher} (a distribution's {@code bin/jstan}, see {@link #distribution()}) with
     * exactly {@code args}, its JAVA_HOME this JVM's and {@code environment} added; returns once it
     * listens for clients.
     */
    public static JstanJar startWithLauncher(Path launcher, Map<String, String> environment, String... args)
            throws IOException {
        Map<String, String> withJava = new HashMap<>(environment);
        withJava.put("JAVA_HOME", System.getProperty("java.home"));
        return started(new JstanJar(List.of(launcher.toString()), withJava, List.of(args), null));
    }

    /** Runs the jar with exactly {@code args}, waiting for nothing: for a command line it refuses, or a client tool; see {@link #awaitExit}. */
    public static JstanJar launch(String... args) throws IOException {
        return new JstanJar(List.of(args), null);
    }

    /** Runs the jar on 127.0.0.1 and a port the OS picks ({@code -a 127.0.0.1 -p -1}), plus {@code args}. */
    public static JstanJar local(String... args) throws IOException {
        return started(new JstanJar(withLocalRandomPort(args), null));
    }

    /** As {@link #local}, once the streaming server says it is ready. */
    public static JstanJar localStreaming(String... args) throws IOException {
        JstanJar jar = local(args);
        jar.awaitOutput(STREAMING_READY, START_DEADLINE);
        return jar;
    }

    /** As {@link #local}, with {@code configText} written to a temporary file passed with {@code -c}. */
    public static JstanJar localWithConfig(String configText, String... args) throws IOException {
        Path config = Files.createTempFile("jstan-it-", ".conf");
        Files.writeString(config, configText, StandardCharsets.UTF_8);
        try {
            return started(new JstanJar(withLocalRandomPort(args), config));
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(config);
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** The route port, from the log line announcing the route listener (started with --cluster). */
    public int routePort() {
        return Integer.parseInt(awaitOutput(LISTENING_FOR_ROUTES, START_DEADLINE).group(2));
    }

    /** {@code nats-route://127.0.0.1:<route port>}. */
    public String routeUrl() {
        return "nats-route://127.0.0.1:" + routePort();
    }

    /** {@code nats://127.0.0.1:<port>}. */
    public String url() {
        return url("nats");
    }

    /** Streaming clients of this server (java-nats-streaming). */
    public StanClients stanClients() {
        return new StanClients(url());
    }

    /** {@code <scheme>://127.0.0.1:<port>}, e.g. {@code tls}. */
    public String url(String scheme) {
        return scheme + "://127.0.0.1:" + port;
    }

    /** Everything the process has written so far, stdout and stderr merged. */
    public String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    /** Waits until the output contains {@code text}; fails with the output at the deadline or on exit. */
    public void awaitOutput(String text, Duration timeout) {
        awaitOutput(Pattern.compile(Pattern.quote(text)), timeout);
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM, as {@code kill} does; {@link #awaitExit} then tells how the process ended. */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Sends SIGKILL, as {@code kill -9} does: the process gets no chance to flush or close anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGSTOP: the process stops where it is, its sockets open, as a machine that hangs. */
    public void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: a frozen process goes on. */
    public void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Waits for the process to end and for its last output to be read; fails with the output at the deadline. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("jstan did not exit within " + timeout + ":\n" + output());
        }
        outputReader.join(STOP_DEADLINE.toMillis());
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        try {
            // SIGTERM through the handle: Process.destroy() would also close the output pipe
            // before the server's last lines are read.
            process.toHandle().destroy();
            if (!process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            }
            outputReader.join(STOP_DEADLINE.toMillis());
            // Failsafe redirects test output to a file per class: the server's log ends up there.
            System.out.println("---- " + String.join(" ", command) + " (exit " + exitValue() + ")\n" + output());
        } finally {
            if (configFile != null) {
                Files.deleteIfExists(configFile);
            }
        }
    }

    /** Closes each of {@code jars} that is not null: for an {@code @AfterAll} whose {@code @BeforeAll} may have failed half-way. */
    public static void closeAll(JstanJar... jars) throws InterruptedException, IOException {
        for (JstanJar jar : jars) {
            if (jar != null) {
                jar.close();
            }
        }
    }

    private static JstanJar started(JstanJar jar) throws IOException {
        jar.port = Integer.parseInt(awaitStart(jar, LISTENING).group(2));
        return jar;
    }

    /** Where {@code jar}'s output matches {@code ready}; {@code jar} is closed and the failure thrown if it never does. */
    private static Matcher awaitStart(JstanJar jar, Pattern ready) throws IOException {
        try {
            return jar.awaitOutput(ready, START_DEADLINE);
        } catch (RuntimeException | Error e) {
            try {
                jar.close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    /** The command that runs the jar with {@code args}, for a test that needs the process's streams itself. */
    static List<String> javaJarCommand(String... args) {
        List<String> command = javaJar(List.of());
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> javaJar(List<String> jvmOptions) {
        List<String> program = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        program.addAll(jvmOptions);
        program.addAll(List.of("-jar", jar().toString()));
        return program;
    }

    private static List<String> withLocalRandomPort(String... args) {
        List<String> all = new ArrayList<>(LOCAL_RANDOM_PORT);
        all.addAll(List.of(args));
        return all;
    }

    /** The distribution under test ({@code -Djstan.distribution}, cli/target/jstan): bin/jstan, config/, lib/. */
    static Path distribution() {
        String distribution = System.getProperty("jstan.distribution");
        if (distribution == null || !Files.isRegularFile(Path.of(distribution, "bin", "jstan"))) {
            throw new IllegalStateException("system property jstan.distribution does not name the distribution: "
                    + distribution + " (run through `mvn verify`, which builds cli/target/jstan first)");
        }
        return Path.of(distribution);
    }

    /** The process's id: the JVM's, since the launcher execs it. */
    public long pid() {
        return process.pid();
    }

    /** The shaded jar under test. */
    static Path jar() {
        String jar = System.getProperty("jstan.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property jstan.jar does not name the shaded jar: " + jar
                    + " (run through `mvn verify`, which builds cli/target/jstan.jar first)");
        }
        return Path.of(jar);
    }

    private Matcher awaitOutput(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                Matcher matcher = pattern.matcher(output);
                if (matcher.find()) {
                    return matcher;
                }
                if (outputEnded) {
                    throw new AssertionError("jstan ended its output (exit " + exitValue() + ") without '"
                            + pattern + "':\n" + output);
                }
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    throw new AssertionError("no '" + pattern + "' from jstan within " + timeout + ":\n" + output);
                }
                try {
                    output.wait(remainingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for '" + pattern + "'", e);
                }
            }
        }
    }

    private String exitValue() {
        try {
            return Integer.toString(process.waitFor(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    ? process.exitValue() : -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private void collectOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                    output.notifyAll();
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.append("<output unreadable: ").append(e).append(">\n");
            }
        } finally {
            synchronized (output) {
                outputEnded = true;
                output.notifyAll();
            }
        }
    }
}
