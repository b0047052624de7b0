package io.jstan.store.sql;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table that a snapshot of the SQL store copies, with the columns it copies: every table of
 * nats-streaming-server's that holds state, and jstan's applied index. StoreLock is left out: the
 * lock belongs to the node that holds it, not to the data.
 */
record SnapshotTable(String name, List<Column> columns) {

    /** The tables, with the column names of the dialect. */
    static List<SnapshotTable> all(SqlDialect dialect) {
        return List.of(
                new SnapshotTable("ServerInfo", List.of(
                        Type.INT.column("uniquerow"), Type.STRING.column("id"), Type.BYTES.column("proto"), Type.INT.column("version"))),
                new SnapshotTable("Clients", List.of(
                        Type.STRING.column("id"), Type.STRING.column("hbinbox"), Type.BYTES.column("proto"))),
                new SnapshotTable("Channels", List.of(
                        Type.INT.column("id"), Type.STRING.column("name"), Type.LONG.column("maxseq"), Type.INT.column("maxmsgs"),
                        Type.LONG.column("maxbytes"), Type.LONG.column("maxage"), Type.BOOL.column("deleted"))),
                new SnapshotTable("Messages", List.of(
                        Type.INT.column("id"), Type.LONG.column("seq"), Type.LONG.column("timestamp"), Type.INT.column("size"),
                        Type.BYTES.column("data"))),
                new SnapshotTable("Subscriptions", List.of(
                        Type.INT.column("id"), Type.LONG.column("subid"), Type.LONG.column("lastsent"), Type.BYTES.column("proto"),
                        Type.BOOL.column("deleted"))),
                new SnapshotTable("SubsPending", List.of(
                        Type.LONG.column("subid"), Type.LONG.column(dialect.row()), Type.LONG.column("seq"), Type.LONG.column("lastsent"),
                        Type.BYTES.column("pending"), Type.BYTES.column("acks"))),
                new SnapshotTable(SqlAppliedIndex.TABLE, List.of(Type.INT.column("uniquerow"), Type.LONG.column("lastindex"))));
    }

    String select() {
        return "SELECT " + columnList() + " FROM " + name;
    }

    String insert() {
        return "INSERT INTO " + name + " (" + columnList() + ") VALUES ("
                + columns.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")";
    }

    private String columnList() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    record Column(String name, Type type) {
    }

    /**
     * How a column's value is read from a row, written to a snapshot file, and read back into an
     * INSERT: a byte that says whether it is NULL, then the value.
     */
    enum Type {
        INT(Types.INTEGER) {
            @Override
            void write(ResultSet row, int column, DataOutput out) throws SQLException, IOException {
                int value = row.getInt(column);
                if (present(row, out)) {
                    out.writeInt(value);
                }
            }

            @Override
            void readValue(DataInput in, PreparedStatement insert, int parameter) throws SQLException, IOException {
                insert.setInt(parameter, in.readInt());
            }
        },
        LONG(Types.BIGINT) {
            @Override
            void write(ResultSet row, int column, DataOutput out) throws SQLException, IOException {
                long value = row.getLong(column);
                if (present(row, out)) {
                    out.writeLong(value);
                }
            }

            @Override
            void readValue(DataInput in, PreparedStatement insert, int parameter) throws SQLException, IOException {
                insert.setLong(parameter, in.readLong());
            }
        },
        BOOL(Types.BOOLEAN) {
            @Override
            void write(ResultSet row, int column, DataOutput out) throws SQLException, IOException {
                boolean value = row.getBoolean(column);
                if (present(row, out)) {
                    out.writeBoolean(value);
                }
            }

            @Override
            void readValue(DataInput in, PreparedStatement insert, int parameter) throws SQLException, IOException {
                insert.setBoolean(parameter, in.readBoolean());
            }
        },
        STRING(Types.VARCHAR) {
            @Override
            void write(ResultSet row, int column, DataOutput out) throws SQLException, IOException {
                String value = row.getString(column);
                if (present(row, out)) {
                    writeBytes(out, value.getBytes(StandardCharsets.UTF_8));
                }
            }

            @Override
            void readValue(DataInput in, PreparedStatement insert, int parameter) throws SQLException, IOException {
                insert.setString(parameter, new String(readBytes(in), StandardCharsets.UTF_8));
            }
        },
        BYTES(Types.BINARY) {
            @Override
            void write(ResultSet row, int column, DataOutput out) throws SQLException, IOException {
                byte[] value = row.getBytes(column);
                if (present(row, out)) {
                    writeBytes(out, value);
                }
            }

            @Override
            void readValue(DataInput in, PreparedStatement insert, int parameter) throws SQLException, IOException {
                insert.setBytes(parameter, readBytes(in));
            }
        };

        private static final int NULL = 0;
        private static final int PRESENT = 1;
        /** More than a value can hold (a message is at most NATS's 64 MB payload): a length above it is corrupt. */
        private static final int MAX_LENGTH = 128 << 20;

        private final int sqlType;

        Type(int sqlType) {
            this.sqlType = sqlType;
        }

        Column column(String name) {
            return new Column(name, this);
        }

        /** Writes the value of the row's column (1-based). */
        abstract void write(ResultSet row, int column, DataOutput out) throws SQLException, IOException;

        /** Reads a value that {@link #write} wrote into the statement's parameter (1-based). */
        void read(DataInput in, PreparedStatement insert, int parameter) throws SQLException, IOException {
            int marker = in.readUnsignedByte();
            if (marker == NULL) {
                insert.setNull(parameter, sqlType);
            } else if (marker == PRESENT) {
                readValue(in, insert, parameter);
            } else {
                throw new IOException("bad value marker " + marker);
            }
        }

        abstract void readValue(DataInput in, PreparedStatement insert, int parameter) throws SQLException, IOException;

        /** Writes whether the value just read is there; true when it is, and must follow. */
        private static boolean present(ResultSet row, DataOutput out) throws SQLException, IOException {
            boolean present = !row.wasNull();
            out.writeByte(present ? PRESENT : NULL);
            return present;
        }

        private static void writeBytes(DataOutput out, byte[] value) throws IOException {
            out.writeInt(value.length);
            out.write(value);
        }

        private static byte[] readBytes(DataInput in) throws IOException {
            int length = in.readInt();
            if (length < 0 || length > MAX_LENGTH) {
                throw new IOException("bad value length " + length);
            }
            byte[] value = new byte[length];
            in.readFully(value);
            return value;
        }
    }
}
