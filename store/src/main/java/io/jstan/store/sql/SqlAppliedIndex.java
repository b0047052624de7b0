package io.jstan.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The index of the last Raft entry whose changes the database holds, for a clustered node: the one
 * row of jstan's own table {@value #TABLE}, beside nats-streaming-server's tables, which it leaves as
 * they are. The row is written in the transaction of the changes it covers, so that the index and
 * the data agree after any crash. The table is created the first time a node asks for the index: a
 * server that is not clustered never creates it.
 */
final class SqlAppliedIndex {

    static final String TABLE = "JstanAppliedIndex";

    private SqlAppliedIndex() {
    }

    /** Creates the table where it is missing, and commits (MySQL commits any DDL at once anyway). */
    static void ensure(SqlDatabase db) {
        db.run(database -> {
            database.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (uniquerow INTEGER DEFAULT 1, lastindex BIGINT DEFAULT 0, PRIMARY KEY (uniquerow))");
            return null;
        });
        db.commit();
    }

    /** The recorded index; 0 when none was. */
    static long read(SqlDatabase db) {
        return db.call(database -> {
            try (ResultSet result = database.statement("SELECT lastindex FROM " + TABLE + " WHERE uniquerow=1").executeQuery()) {
                return result.next() ? result.getLong(1) : 0L;
            }
        });
    }

    /** Writes the index in the open transaction. */
    static void record(SqlDatabase db, long index) {
        db.run(database -> {
            if (database.update("UPDATE " + TABLE + " SET lastindex=? WHERE uniquerow=1", index) == 0) {
                database.update("INSERT INTO " + TABLE + " (uniquerow, lastindex) VALUES (1, ?)", index);
            }
            return null;
        });
    }
}
