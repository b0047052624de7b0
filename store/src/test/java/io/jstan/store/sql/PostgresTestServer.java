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

    private PostgresTestServer(String adminUrl, Properties properties) {
        super(adminUrl, properties);
    }

    /** The server of this test JVM, started on first use. */
    public static synchronized PostgresTestServer shared() {
        if (shared == null) {
            String external = System.getProperty("jstan.test.postgres.url");
            shared = external != null ? new PostgresTestServer(external, new Properties()) : start();
        }
        return shared;
    }

    private static PostgresTestServer start() {
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
            List<String> asUser = List.copyOf(runAs);
            int port = FreePorts.next();
            run(command(asUser, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
                    "-E", "UTF8", "--locale=C", "--no-sync"), dir.resolve("initdb.log"), 120);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(command(asUser, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"),
                            dir.resolve("pg_ctl-stop.log"), 60);
                } catch (RuntimeException e) {
                    // Already stopped.
                }
                deleteTree(dir);
            }));
            run(command(asUser, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("postgres.log").toString(),
                    "-w", "-t", "120", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c full_page_writes=off -c max_connections=200",
                    "start"), dir.resolve("pg_ctl-start.log"), 150);
            Properties properties = new Properties();
            properties.setProperty("user", USER);
            return new PostgresTestServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static List<String> command(List<String> prefix, String... words) {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(words));
        return command;
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
