package io.jstan.store.sql;

import io.jstan.store.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * PostgreSQL for tests (see {@link TestDatabaseServer}): Debian's binaries (package postgresql),
 * initdb and pg_ctl on a temporary directory. PostgreSQL refuses to run as root, so under root it
 * runs as the user postgres that the package creates. Commits are real, but not synced to disk
 * (fsync off): tests check what the store does, not the disk.
 */
public final class PostgresTestServer extends TestDatabaseServer {
    private static final String USER = "jstan";
    private static PostgresTestServer shared;

    private final Installation installation;

    private PostgresTestServer(String adminUrl, Properties properties, Installation installation) {
        super(adminUrl, properties);
        this.installation = installation;
    }

    /** The server of this test JVM, started on first use. */
    public static synchronized PostgresTestServer shared() {
        if (shared == null) {
            String external = System.getProperty("jstan.test.postgres.url");
            shared = external != null ? new PostgresTestServer(external, new Properties(), null) : startOwn();
        }
        return shared;
    }

    /**
     * A server of the caller's own, which it may {@link #stop()} and {@link #start()} again; stopped
     * when the test JVM exits.
     */
    public static PostgresTestServer startOwn() {
        Path bin = binaries();
        try {
            Path dir = Files.createTempDirectory("jstan-postgres-");
            Path data = dir.resolve("data");
            List<String> runAs = new ArrayList<>();
            if (runningAsRoot()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
                UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
                runAs = List.of("runuser", "-u", "postgres", "--");
            }
            int port = FreePorts.next();
            Properties properties = new Properties();
            properties.setProperty("user", USER);
            PostgresTestServer server = new PostgresTestServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties,
                    new Installation(bin, dir, List.copyOf(runAs), port));
            run(server.installation.command("initdb", "-D", data.toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync"), dir.resolve("initdb.log"), 120);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.stopImmediately();
                } catch (RuntimeException e) {
                    // Already stopped.
                }
                deleteTree(dir);
            }));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Where a server started here lives: its binaries, its directory (data in data/), the user it runs as, its port. */
    private record Installation(Path bin, Path dir, List<String> runAs, int port) {
        Path data() {
            return dir.resolve("data");
        }

        List<String> command(String program, String... arguments) {
            List<String> command = new ArrayList<>(runAs);
            command.add(bin.resolve(program).toString());
            command.addAll(List.of(arguments));
            return command;
        }
    }

    /** Starts the server (again), on its port and data, and returns once it accepts connections. */
    @Override
    public void start() {
        Installation at = ownInstallation();
        run(at.command("pg_ctl", "-D", at.data().toString(), "-l", at.dir().resolve("postgres.log").toString(),
                "-w", "-t", "120", "-o", "-p " + at.port() + " -k " + at.dir() + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c full_page_writes=off -c max_connections=200",
                "start"), at.dir().resolve("pg_ctl-start.log"), 150);
    }

    /** Stops the server as an administrator does (fast shutdown: connections are closed, the server goes away). */
    @Override
    public void stop() {
        Installation at = ownInstallation();
        run(at.command("pg_ctl", "-D", at.data().toString(), "-m", "fast", "-w", "stop"), at.dir().resolve("pg_ctl-stop.log"), 60);
    }

    private void stopImmediately() {
        run(installation.command("pg_ctl", "-D", installation.data().toString(), "-m", "immediate", "stop"),
                installation.dir().resolve("pg_ctl-stop.log"), 60);
    }

    private Installation ownInstallation() {
        if (installation == null) {
            throw new UnsupportedOperationException("a server named by jstan.test.postgres.url is not this test's to stop or start");
        }
        return installation;
    }

    /** The newest of Debian's PostgreSQL versions installed. */
    private static Path binaries() {
        Path versions = Path.of("/usr/lib/postgresql");
        try (Stream<Path> installed = Files.list(versions)) {
            return installed.filter(version -> Files.isExecutable(version.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(version -> version.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL in " + versions + ": install the package postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL in " + versions + " (install the package postgresql): " + e.getMessage(), e);
        }
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.POSTGRES;
    }

    @Override
    public String natsStreamingSource(SqlStoreOptions database) {
        URI address = address(database);
        return "host=" + address.getHost() + " port=" + address.getPort() + " user="
                + connectionProperties().getProperty("user") + " dbname=" + address.getPath().substring(1) + " sslmode=disable";
    }
}
