package io.jstan.store.sql;

import io.jstan.store.StoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A snapshot of the SQL store for a clustered node: every table's rows copied into files of jstan's
 * own ({@link RowFile}), a file per table in the {@value #DIRECTORY} directory, from one
 * REPEATABLE READ transaction; and the restore of such a copy, which replaces every table's rows in
 * one transaction. Rows are streamed both ways, so memory does not grow with the store.
 */
final class SqlSnapshot {

    /** The copy's directory in the snapshot's. */
    static final String DIRECTORY = "sql";

    /** Rows fetched from the database at a time, and inserted in one statement batch. */
    private static final int ROWS_AT_A_TIME = 1000;
    /** Bytes of values inserted in one statement batch at most (a few large messages make a batch). */
    private static final long BATCH_BYTES = 4 << 20;

    private SqlSnapshot() {
    }

    /**
     * Commits the store's transaction and copies what the database holds then into {@code target}'s
     * {@value #DIRECTORY} directory, on a connection of its own, so that the store's reads go on
     * meanwhile. The copy's transaction starts before the store's connection can change anything more.
     */
    static void write(SqlStoreOptions options, SqlDatabase store, Path target) {
        Path dir = target.resolve(DIRECTORY);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILED, "cannot create " + dir + ": " + e.getMessage(), e);
        }
        Connection connection = SqlDatabase.open(options);
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            store.run(database -> {
                database.commit();
                beginConsistentRead(connection);
                return null;
            });
            for (SnapshotTable table : SnapshotTable.all(options.dialect())) {
                copy(connection, table, RowFile.of(dir, table));
            }
            connection.rollback();
        } catch (SQLException e) {
            throw SqlDatabase.failure("sql: cannot take a snapshot of the database", e);
        } catch (IOException e) {
            throw new StoreException(StoreException.Kind.FAILED, "sql: cannot write the snapshot in " + dir + ": " + e.getMessage(), e);
        } finally {
            SqlDatabase.closeQuietly(connection);
        }
    }

    /** The transaction's view of the database is fixed by its first read of a table, in both databases. */
    private static void beginConsistentRead(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM ServerInfo")) {
            result.next();
        }
    }

    private static void copy(Connection connection, SnapshotTable table, Path file) throws SQLException, IOException {
        try (PreparedStatement select = connection.prepareStatement(table.select(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
             RowFile.Writer rows = new RowFile.Writer(file, table)) {
            select.setFetchSize(ROWS_AT_A_TIME);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.write(result);
                }
            }
            rows.finish();
        }
    }

    /**
     * Replaces the rows of every table by those of the copy in {@code copy}'s {@value #DIRECTORY}
     * directory, in the store's open transaction, and commits. Nothing is changed when a file is
     * missing or found corrupt.
     */
    static void restore(SqlDatabase store, Path copy) {
        Path dir = copy.resolve(DIRECTORY);
        for (SnapshotTable table : SnapshotTable.all(store.dialect())) {
            if (!Files.isRegularFile(RowFile.of(dir, table))) {
                throw new StoreException(StoreException.Kind.FAILED, "sql: " + copy + " holds no copy of an SQL store ("
                        + RowFile.of(dir, table).getFileName() + " is missing)", null);
            }
        }
        try {
            store.run(database -> {
                for (SnapshotTable table : SnapshotTable.all(database.dialect())) {
                    database.execute(database.dialect().emptyTable(table.name()));
                    insertRows(database, table, RowFile.of(dir, table));
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            store.abandon("the snapshot cannot be read");
            throw new StoreException(StoreException.Kind.FAILED, "sql: cannot restore the snapshot: " + e.getCause().getMessage(), e);
        }
        store.commit();
    }

    private static void insertRows(SqlDatabase database, SnapshotTable table, Path file) throws SQLException {
        PreparedStatement insert = database.statement(table.insert());
        try (RowFile.Reader rows = new RowFile.Reader(file, table)) {
            int batched = 0;
            long batchStart = rows.bytesRead();
            while (rows.next(insert)) {
                insert.addBatch();
                if (++batched == ROWS_AT_A_TIME || rows.bytesRead() - batchStart >= BATCH_BYTES) {
                    insert.executeBatch();
                    batched = 0;
                    batchStart = rows.bytesRead();
                }
            }
            if (batched > 0) {
                insert.executeBatch();
            }
        } catch (IOException e) {
            insert.clearBatch();
            throw new UncheckedIOException(e);
        }
    }
}
