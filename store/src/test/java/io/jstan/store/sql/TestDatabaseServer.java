package io.jstan.store.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A database server for tests, started once per test JVM and stopped when it exits: PostgreSQL or
 * MariaDB from the machine's packages, in a temporary directory, on a free port, or a server that
 * is already running, named by the system property {@code jstan.test.postgres.url} or
 * {@code jstan.test.mysql.url} (an administrator's JDBC URL, with user and password in it, such as
 * one of Testcontainers' PostgreSQL and MySQL modules). Every test takes a new database of its own.
 */
public abstract class TestDatabaseServer {

    private final AtomicInteger databases = new AtomicInteger();
    private final String adminUrl;
    private final Properties connectionProperties = new Properties();

    /** A server whose administrator connects with {@code adminUrl} and {@code connectionProperties}. */
    protected TestDatabaseServer(String adminUrl, Properties connectionProperties) {
        this.adminUrl = adminUrl;
        this.connectionProperties.putAll(connectionProperties);
    }

    public abstract SqlDialect dialect();

    /** Stops a server this test JVM started, as an administrator does; see {@link #start()}. */
    public abstract void stop();

    /** Starts a server that {@link #stop()} stopped, on the same port and data; returns once it accepts connections. */
    public abstract void start();

    /** The JDBC URL of another database on the server: the administrator's, with the database's name in its path. */
    protected String url(String database) {
        String url = adminUrl;
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        return path.substring(0, path.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    /** A connection with the right to create databases. */
    private Connection administration() throws SQLException {
        return DriverManager.getConnection(adminUrl, connectionProperties);
    }

    /** The properties with which the store connects (user, password). */
    protected Properties connectionProperties() {
        return connectionProperties;
    }

    /** A new, empty database on this server, for one test. */
    public SqlStoreOptions newDatabase() {
        String name = "jstan_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection admin = administration(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return new SqlStoreOptions(dialect(), url(name), connectionProperties());
    }

    /** The data source of a database on this server as nats-streaming-server's {@code --sql_source} takes it. */
    public abstract String natsStreamingSource(SqlStoreOptions database);

    /** Runs statements on the database of the options. */
    public static void execute(SqlStoreOptions database, List<String> statements) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The host, port and database of a JDBC URL. */
    static URI address(SqlStoreOptions database) {
        return URI.create(database.jdbcUrl().substring("jdbc:".length()));
    }

    /** A JDBC connection to the database of the options, for checking what the store wrote. */
    public static Connection connect(SqlStoreOptions options) throws SQLException {
        return DriverManager.getConnection(options.jdbcUrl(), options.connectionProperties());
    }


    /** Runs a command to its end; fails with its output when it fails or outlasts the timeout. */
    static void run(List<String> command, Path log, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(log));
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
                        + Files.readString(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Left in the temporary directory.
        }
    }
}
