package io.jstan.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * nats-streaming-server's schema in the store's database: the tables it asks users to create with
 * its scripts are created here where missing, and those that exist are used as they are.
 */
final class SqlSchema {

    /** The version nats-streaming-server writes in ServerInfo.version, the only one it (and jstan) reads. */
    static final int VERSION = 1;

    private SqlSchema() {
    }

    /** Creates what is missing and commits. */
    static void ensure(SqlDatabase db) {
        db.run(database -> {
            SqlDialect dialect = database.dialect();
            for (String create : dialect.createTables()) {
                database.execute(create);
            }
            if (!clientsHaveProto(database)) {
                database.execute(dialect.addClientsProto());
            }
            return null;
        });
        db.commit();
    }

    /** Whether Clients has nats-streaming-server 0.10.0's proto column. */
    private static boolean clientsHaveProto(SqlDatabase db) throws SQLException {
        PreparedStatement query = db.statement("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = "
                + db.dialect().currentSchema() + " AND LOWER(table_name) = 'clients' AND LOWER(column_name) = 'proto'");
        try (ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1) > 0;
        }
    }
}
