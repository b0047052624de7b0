package io.jstan.store.sql;

import io.jstan.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store's one connection for its changes and reads, used by one thread at a time. Changes
 * accumulate in one open transaction that {@link #commit()} ends: a change is durable once the
 * commit returns, and visible at once to every read, since reads share the connection. Prepared
 * statements are kept for the life of the connection.
 *
 * <p>A failed statement rolls the transaction back, and the store is then {@link #failed()}: what
 * it holds in memory no longer matches the database, so it refuses further work.
 */
final class SqlDatabase implements AutoCloseable {

    /** Work on the connection, with the statements it prepares. */
    @FunctionalInterface
    interface Work<T> {
        T run(SqlDatabase db) throws SQLException;
    }

    private final SqlDialect dialect;
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile String failure;

    private SqlDatabase(SqlDialect dialect, Connection connection) {
        this.dialect = dialect;
        this.connection = connection;
    }

    /** @throws StoreException {@link StoreException.Kind#FAILED} when the database cannot be reached */
    static SqlDatabase connect(SqlStoreOptions options) {
        Connection connection = open(options);
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw failure("cannot set up the connection to the database", e);
        }
        return new SqlDatabase(options.dialect(), connection);
    }

    /** A new connection to the database of the options. */
    static Connection open(SqlStoreOptions options) {
        Properties properties = options.connectionProperties();
        if (options.dialect() == SqlDialect.POSTGRES) {
            // One multi-row INSERT for a batch of messages rather than a statement each.
            properties.putIfAbsent("reWriteBatchedInserts", "true");
        }
        try {
            return DriverManager.getConnection(options.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw failure("cannot connect to the " + options.dialect().driverName() + " database", e);
        }
    }

    SqlDialect dialect() {
        return dialect;
    }

    /** Runs work that reads or changes the database; a change is part of the transaction that the next {@link #commit()} ends. */
    <T> T call(Work<T> work) {
        lock.lock();
        try {
            requireNotFailed();
            try {
                return work.run(this);
            } catch (SQLException e) {
                throw rolledBack(e);
            }
        } finally {
            lock.unlock();
        }
    }

    void run(Work<?> work) {
        call(work);
    }

    /** A statement prepared on this connection, kept for later calls. */
    PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Executes a statement with the given parameters; returns the count of rows it changed. */
    int update(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = statement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement.executeUpdate();
    }

    /** Executes a statement that takes no parameter, such as a table's creation. */
    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Ends the transaction: every change made so far is durable once this returns. */
    void commit() {
        lock.lock();
        try {
            requireNotFailed();
            try {
                connection.commit();
            } catch (SQLException e) {
                throw rolledBack(e);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the store's work at once: the open transaction is rolled back and every later call refused. */
    void abandon(String why) {
        lock.lock();
        try {
            if (failure == null) {
                failure = why;
                try {
                    connection.rollback();
                } catch (SQLException ignored) {
                    // Nothing of the transaction is committed either way.
                }
            }
        } finally {
            lock.unlock();
        }
    }

    boolean failed() {
        return failure != null;
    }

    private void requireNotFailed() {
        if (failure != null) {
            throw new StoreException(StoreException.Kind.FAILED, "sql: the store stopped after an earlier failure: " + failure, null);
        }
    }

    private StoreException rolledBack(SQLException e) {
        failure = reason(e);
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is gone; the failure above says why.
        }
        return failure("sql", e);
    }

    static StoreException failure(String what, SQLException e) {
        return new StoreException(StoreException.Kind.FAILED, what + ": " + reason(e), e);
    }

    /**
     * Why a statement failed: for a batch, the failure of the entry behind it (the batch's own
     * message repeats its statements with their data), else the exception's message.
     */
    static String reason(SQLException e) {
        SQLException last = e;
        while (last.getNextException() != null) {
            last = last.getNextException();
        }
        return last.getMessage();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            for (PreparedStatement statement : statements.values()) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // Closing the connection below releases it in any case.
                }
            }
            statements.clear();
            closeQuietly(connection);
        } finally {
            lock.unlock();
        }
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing is left to release.
        }
    }
}
