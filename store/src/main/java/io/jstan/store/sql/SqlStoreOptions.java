package io.jstan.store.sql;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How the SQL store reaches its database and behaves.
 *
 * @param jdbcUrl the database, as a JDBC URL (see {@link DataSource} for nats-streaming-server's sources)
 * @param connectionProperties user, password and driver settings given to the JDBC driver
 * @param noCaching {@code --sql_no_caching}: every read goes to the database, none to the copy of
 *     the last messages kept in memory
 * @param maxOpenConns {@code --sql_max_open_conns}: the store uses two connections (one for its
 *     changes, one for the fault-tolerance lock), so any value from 2, and 0 (unlimited), is met
 * @param lockUpdateInterval how often the holder of the StoreLock row updates its tick; another
 *     server takes the lock over once the tick stood still for three intervals
 */
public record SqlStoreOptions(SqlDialect dialect, String jdbcUrl, Properties connectionProperties, boolean noCaching,
        int maxOpenConns, Duration lockUpdateInterval) {

    /** nats-streaming-server's interval. */
    public static final Duration DEFAULT_LOCK_UPDATE_INTERVAL = Duration.ofSeconds(1);

    /** The connections the store opens: one for its changes, one for the lock. */
    public static final int CONNECTIONS = 2;

    /** The connections the store of a clustered node opens: one more while it takes a snapshot. */
    public static final int CLUSTERED_CONNECTIONS = CONNECTIONS + 1;

    public SqlStoreOptions {
        Objects.requireNonNull(dialect);
        Objects.requireNonNull(jdbcUrl);
        connectionProperties = copy(connectionProperties);
        Objects.requireNonNull(lockUpdateInterval);
        if (maxOpenConns > 0 && maxOpenConns < CONNECTIONS) {
            throw new IllegalArgumentException("sql_max_open_conns must be 0 (unlimited) or at least " + CONNECTIONS
                    + " (the SQL store uses one connection for its changes and one for its lock), not " + maxOpenConns);
        }
    }

    public SqlStoreOptions(SqlDialect dialect, String jdbcUrl, Properties connectionProperties) {
        this(dialect, jdbcUrl, connectionProperties, false, 0, DEFAULT_LOCK_UPDATE_INTERVAL);
    }

    @Override
    public Properties connectionProperties() {
        return copy(connectionProperties);
    }

    private static Properties copy(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(Objects.requireNonNull(properties));
        return copy;
    }
}
