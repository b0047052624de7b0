package io.jstan.store.sql;

import java.util.List;
import java.util.Locale;

/**
 * What differs between the databases the SQL store runs on: the driver name users give
 * ({@code --sql_driver}), nats-streaming-server's schema in each one's types, and the few statements
 * each spells its own way.
 */
public enum SqlDialect {
    POSTGRES("postgres", "row", "BYTEA", "BIGINT", "current_schema()"),
    MYSQL("mysql", "`row`", "MEDIUMBLOB", "BIGINT UNSIGNED", "DATABASE()");

    private final String driverName;
    private final String row;
    private final String bytes;
    private final String sequence;
    private final String currentSchema;

    SqlDialect(String driverName, String row, String bytes, String sequence, String currentSchema) {
        this.driverName = driverName;
        this.row = row;
        this.bytes = bytes;
        this.sequence = sequence;
        this.currentSchema = currentSchema;
    }

    /** The dialect of a {@code --sql_driver} name, as nats-streaming-server spells them. */
    public static SqlDialect ofDriver(String driver) {
        for (SqlDialect dialect : values()) {
            if (dialect.driverName.equals(driver.toLowerCase(Locale.ROOT))) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("unsupported SQL driver \"" + driver + "\" (use \"postgres\" or \"mysql\")");
    }

    public String driverName() {
        return driverName;
    }

    /** The SubsPending column named row, which MySQL reserves. */
    String row() {
        return row;
    }

    /** An SQL expression for the schema (PostgreSQL) or database (MySQL) the connection uses. */
    String currentSchema() {
        return currentSchema;
    }

    /** Adds a row of nats-streaming-server's cache form to SubsPending: subid, row, lastsent, pending, acks. */
    String addPendingRow() {
        return "INSERT INTO SubsPending (subid, " + row + ", seq, lastsent, pending, acks) VALUES (?, ?, 0, ?, ?, ?)";
    }

    /**
     * Removes every row of a table in the open transaction: PostgreSQL truncates it, which its
     * transactions take back like any change; MySQL's TRUNCATE would commit at once.
     */
    String emptyTable(String table) {
        return (this == POSTGRES ? "TRUNCATE TABLE " : "DELETE FROM ") + table;
    }

    /**
     * nats-streaming-server's tables (its scripts/*.db.sql, with the 0.10.0 update that adds
     * Clients.proto), created where missing. Two differences, neither visible to
     * nats-streaming-server: PostgreSQL's channel name index covers the column (the script's
     * {@code name(256)} indexes a constant there), and MySQL's byte columns are MEDIUMBLOB rather
     * than BLOB, which holds no more than 64 KiB, less than a message may take.
     */
    List<String> createTables() {
        String seq = sequence;
        if (this == POSTGRES) {
            return List.of(
                    "CREATE TABLE IF NOT EXISTS ServerInfo (uniquerow INTEGER DEFAULT 1, id VARCHAR(1024), proto BYTEA, version INTEGER, PRIMARY KEY (uniquerow))",
                    "CREATE TABLE IF NOT EXISTS Clients (id VARCHAR(1024), hbinbox TEXT, proto BYTEA, PRIMARY KEY (id))",
                    "CREATE TABLE IF NOT EXISTS Channels (id INTEGER, name VARCHAR(1024) NOT NULL, maxseq BIGINT DEFAULT 0, maxmsgs INTEGER DEFAULT 0, maxbytes BIGINT DEFAULT 0, maxage BIGINT DEFAULT 0, deleted BOOL DEFAULT FALSE, PRIMARY KEY (id))",
                    "CREATE INDEX IF NOT EXISTS Idx_ChannelsName ON Channels (name)",
                    "CREATE TABLE IF NOT EXISTS Messages (id INTEGER, seq BIGINT, timestamp BIGINT, size INTEGER, data BYTEA, CONSTRAINT PK_MsgKey PRIMARY KEY(id, seq))",
                    "CREATE INDEX IF NOT EXISTS Idx_MsgsTimestamp ON Messages (timestamp)",
                    "CREATE TABLE IF NOT EXISTS Subscriptions (id INTEGER, subid BIGINT, lastsent BIGINT DEFAULT 0, proto BYTEA, deleted BOOL DEFAULT FALSE, CONSTRAINT PK_SubKey PRIMARY KEY(id, subid))",
                    "CREATE TABLE IF NOT EXISTS SubsPending (subid BIGINT, row BIGINT, seq BIGINT DEFAULT 0, lastsent BIGINT DEFAULT 0, pending BYTEA, acks BYTEA, CONSTRAINT PK_MsgPendingKey PRIMARY KEY(subid, row))",
                    "CREATE INDEX IF NOT EXISTS Idx_SubsPendingSeq ON SubsPending (seq)",
                    createStoreLock());
        }
        return List.of(
                "CREATE TABLE IF NOT EXISTS ServerInfo (uniquerow INT DEFAULT 1, id VARCHAR(1024), proto " + bytes + ", version INTEGER, PRIMARY KEY (uniquerow))",
                "CREATE TABLE IF NOT EXISTS Clients (id VARCHAR(1024), hbinbox TEXT, proto " + bytes + ", PRIMARY KEY (id(256)))",
                "CREATE TABLE IF NOT EXISTS Channels (id INTEGER, name VARCHAR(1024) NOT NULL, maxseq " + seq + " DEFAULT 0, maxmsgs INTEGER DEFAULT 0, maxbytes BIGINT DEFAULT 0, maxage BIGINT DEFAULT 0, deleted BOOL DEFAULT FALSE, PRIMARY KEY (id), INDEX Idx_ChannelsName (name(256)))",
                "CREATE TABLE IF NOT EXISTS Messages (id INTEGER, seq " + seq + ", timestamp BIGINT, size INTEGER, data " + bytes + ", CONSTRAINT PK_MsgKey PRIMARY KEY(id, seq), INDEX Idx_MsgsTimestamp (timestamp))",
                "CREATE TABLE IF NOT EXISTS Subscriptions (id INTEGER, subid " + seq + ", lastsent " + seq + " DEFAULT 0, proto " + bytes + ", deleted BOOL DEFAULT FALSE, CONSTRAINT PK_SubKey PRIMARY KEY(id, subid))",
                "CREATE TABLE IF NOT EXISTS SubsPending (subid " + seq + ", `row` " + seq + ", seq " + seq + " DEFAULT 0, lastsent " + seq + " DEFAULT 0, pending " + bytes + ", acks " + bytes + ", CONSTRAINT PK_MsgPendingKey PRIMARY KEY(subid, `row`), INDEX Idx_SubsPendingSeq(seq))",
                createStoreLock());
    }

    /** The lock's table, which a server creates before anything else: it locks before it reads the store. */
    String createStoreLock() {
        return "CREATE TABLE IF NOT EXISTS StoreLock (id VARCHAR(30), tick " + sequence + " DEFAULT 0)";
    }

    /** nats-streaming-server 0.10.0's update, for tables made by the scripts of an older version. */
    String addClientsProto() {
        return "ALTER TABLE Clients ADD proto " + bytes;
    }
}
