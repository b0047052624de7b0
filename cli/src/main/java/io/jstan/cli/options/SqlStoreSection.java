package io.jstan.cli.options;

import io.jstan.store.sql.DataSource;
import io.jstan.store.sql.SqlDialect;
import io.jstan.store.sql.SqlStoreOptions;
import picocli.CommandLine.Option;

import java.util.function.Consumer;

/** nats-streaming-server's "SQL Store Options", and the {@code sql_options { }} block of its configuration file (docs/sql-store.md). */
public final class SqlStoreSection implements OptionSection {

    @Option(names = "--sql_driver", description = "Name of the SQL Driver (\"mysql\" or \"postgres\")")
    @ConfigKey(value = {"sql_options.driver", "sql.driver"}, scope = ConfigScope.STREAMING)
    String driver;

    @Option(names = "--sql_source", description = "Datasource used when opening an SQL connection to the database")
    @ConfigKey(value = {"sql_options.source", "sql.source"}, scope = ConfigScope.STREAMING)
    String source;

    @Option(names = "--sql_no_caching", arity = "0..1",
            description = "Enable/Disable caching: with caching off, every read goes to the database")
    @ConfigKey(value = {"sql_options.no_caching", "sql.no_caching"}, scope = ConfigScope.STREAMING)
    boolean noCaching;

    @Option(names = "--sql_max_open_conns", description = "Maximum number of opened connections to the database"
            + " (0 for unlimited; jstan opens " + SqlStoreOptions.CONNECTIONS + ", a clustered node "
            + SqlStoreOptions.CLUSTERED_CONNECTIONS + ")")
    @ConfigKey(scope = ConfigScope.STREAMING, value = {
            "sql_options.max_open_conns", "sql_options.max_conns", "sql.max_open_conns", "sql.max_conns"
    })
    int maxOpenConns;

    @Option(names = "--sql_bulk_insert_limit",
            description = "Maximum number of messages stored with a single SQL \"INSERT\" statement (no effect in jstan)")
    @ConfigKey(value = {"sql_options.bulk_insert_limit", "sql.bulk_insert_limit"}, scope = ConfigScope.STREAMING)
    Integer bulkInsertLimit;

    @Override
    public String heading() {
        return "Streaming Server SQL Store Options";
    }

    /**
     * @param clustered whether the store serves a clustered node, whose snapshots read the database
     *     on a connection of their own
     * @param notes where settings without effect are told
     */
    SqlStoreOptions options(boolean clustered, Consumer<String> notes) throws UsageException {
        if (driver == null || driver.isBlank()) {
            throw new UsageException("the SQL store needs a driver (--sql_driver postgres or mysql)");
        }
        if (clustered && maxOpenConns > 0 && maxOpenConns < SqlStoreOptions.CLUSTERED_CONNECTIONS) {
            throw new UsageException("sql_max_open_conns must be 0 (unlimited) or at least " + SqlStoreOptions.CLUSTERED_CONNECTIONS
                    + " for a clustered node (it takes snapshots on a connection of their own), not " + maxOpenConns);
        }
        try {
            SqlDialect dialect = SqlDialect.ofDriver(driver.trim());
            DataSource dataSource = DataSource.parse(dialect, source);
            if (bulkInsertLimit != null) {
                notes.accept("sql_bulk_insert_limit has no effect: jstan inserts each batch of messages with one statement batch");
            }
            return new SqlStoreOptions(dialect, dataSource.jdbcUrl(), dataSource.properties(), noCaching, maxOpenConns,
                    SqlStoreOptions.DEFAULT_LOCK_UPDATE_INTERVAL);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
