package io.jstan.store.sql;

import io.jstan.store.testing.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * MariaDB for tests (see {@link TestDatabaseServer}): Debian's binaries (package mariadb-server),
 * mariadb-install-db and mariadbd on a temporary directory, without grant tables (any user may do
 * anything), and with commits written but not synced at once (innodb_flush_log_at_trx_commit=2):
 * tests check what the store does, not the disk.
 */
public final class MariaDbTestServer extends TestDatabaseServer {
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static MariaDbTestServer shared;

    private final Installation installation;
    private Process process;

    private MariaDbTestServer(String adminUrl, Properties properties, Installation installation) {
        super(adminUrl, properties);
        this.installation = installation;
    }

    /** The server of this test JVM, started on first use. */
    public static synchronized MariaDbTestServer shared() {
        if (shared == null) {
            String external = System.getProperty("jstan.test.mysql.url");
            shared = external != null ? new MariaDbTestServer(external, new Properties(), null) : startOwn();
        }
        return shared;
    }

    /**
     * A server of the caller's own, which it may {@link #stop()} and {@link #start()} again; stopped
     * when the test JVM exits.
     */
    public static MariaDbTestServer startOwn() {
        Path installDb = executable("/usr/bin/mariadb-install-db");
        Path server = executable("/usr/sbin/mariadbd");
        try {
            Path dir = Files.createTempDirectory("jstan-mariadb-");
            Path data = dir.resolve("data");
            String user = System.getProperty("user.name");
            run(List.of(installDb.toString(), "--no-defaults", "--datadir=" + data, "--user=" + user, "--skip-test-db",
                    "--auth-root-authentication-method=normal", "--skip-name-resolve"), dir.resolve("install.log"), 120);
            int port = FreePorts.next();
            List<String> command = List.of(server.toString(), "--no-defaults", "--datadir=" + data,
                    "--socket=" + dir.resolve("mariadb.sock"), "--pid-file=" + dir.resolve("mariadb.pid"),
                    "--log-error=" + dir.resolve("mariadb.log"), "--port=" + port, "--bind-address=127.0.0.1",
                    "--user=" + user, "--skip-grant-tables", "--skip-name-resolve", "--skip-log-bin",
                    "--innodb-buffer-pool-size=64M", "--innodb-log-file-size=16M", "--innodb-flush-log-at-trx-commit=2",
                    "--max-connections=200");
            String url = "jdbc:mariadb://127.0.0.1:" + port + "/";
            Properties properties = new Properties();
            properties.setProperty("user", "root");
            MariaDbTestServer started = new MariaDbTestServer(url + "mysql", properties, new Installation(dir, command, url));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.stop();
                deleteTree(dir);
            }));
            started.start();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start MariaDB: " + e.getMessage(), e);
        }
    }

    /** Where a server started here lives: its directory, its command line, its URL without a database. */
    private record Installation(Path dir, List<String> command, String url) {
    }

    @Override
    public synchronized void start() {
        Installation at = ownInstallation();
        try {
            process = new ProcessBuilder(at.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(at.dir().resolve("mariadbd.out").toFile())).start();
            awaitReady(process, at.url(), connectionProperties(), at.dir().resolve("mariadb.log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start MariaDB: " + e.getMessage(), e);
        }
    }

    /** Stops the server as an administrator does (SIGTERM: connections are closed, the server goes away). */
    @Override
    public synchronized void stop() {
        ownInstallation();
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private Installation ownInstallation() {
        if (installation == null) {
            throw new UnsupportedOperationException("a server named by jstan.test.mysql.url is not this test's to stop or start");
        }
        return installation;
    }

    private static void awaitReady(Process process, String url, Properties properties, Path log) throws IOException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd stopped:\n" + (Files.exists(log) ? Files.readString(log) : ""));
            }
            try (Connection ignored = DriverManager.getConnection(url, properties)) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                process.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("mariadbd did not accept connections in " + STARTUP + ": " + last);
    }

    private static Path executable(String path) {
        Path file = Path.of(path);
        if (!Files.isExecutable(file)) {
            throw new IllegalStateException("no " + file + ": install the package mariadb-server");
        }
        return file;
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.MYSQL;
    }

    @Override
    public String natsStreamingSource(SqlStoreOptions database) {
        URI address = address(database);
        return connectionProperties().getProperty("user") + "@tcp(" + address.getHost() + ":" + address.getPort() + ")"
                + address.getPath();
    }
}
