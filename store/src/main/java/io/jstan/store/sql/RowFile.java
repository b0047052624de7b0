package io.jstan.store.sql;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The rows of one table in a snapshot of the SQL store, in a file of jstan's own, written and read
 * a row at a time: a header (magic, format version, the table and its columns), then each row (a
 * byte 1, then its values, see {@link SnapshotTable.Type}), then a byte 0, the count of rows, and
 * the CRC-32 of everything before it.
 */
final class RowFile {
    private static final byte[] MAGIC = {'J', 'S', 'T', 'A', 'N', 'S', 'Q', 'L'};
    private static final int VERSION = 1;
    private static final int ROW = 1;
    private static final int END = 0;
    private static final int BUFFER_BYTES = 1 << 16;

    private RowFile() {
    }

    /** The file of the table's rows in a snapshot's directory. */
    static Path of(Path dir, SnapshotTable table) {
        return dir.resolve(table.name() + ".rows");
    }

    /** Writes rows into a new file. */
    static final class Writer implements Closeable {
        private final SnapshotTable table;
        private final FileChannel channel;
        private final CheckedOutputStream checked;
        private final DataOutputStream out;
        private long rows;

        Writer(Path file, SnapshotTable table) throws IOException {
            this.table = table;
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            this.checked = new CheckedOutputStream(Channels.newOutputStream(channel), new CRC32());
            this.out = new DataOutputStream(new BufferedOutputStream(checked, BUFFER_BYTES));
            try {
                out.write(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(table.name());
                out.writeInt(table.columns().size());
                for (SnapshotTable.Column column : table.columns()) {
                    out.writeUTF(plainName(column));
                    out.writeUTF(column.type().name());
                }
            } catch (IOException e) {
                out.close();
                throw e;
            }
        }

        /** Writes the result's current row, whose columns are the table's, in order. */
        void write(ResultSet row) throws SQLException, IOException {
            out.writeByte(ROW);
            for (int i = 0; i < table.columns().size(); i++) {
                table.columns().get(i).type().write(row, i + 1, out);
            }
            rows++;
        }

        /** Ends the file and makes it durable. */
        void finish() throws IOException {
            out.writeByte(END);
            out.writeLong(rows);
            out.flush();
            out.writeInt((int) checked.getChecksum().getValue());
            out.flush();
            channel.force(true);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Reads the rows of a file that a {@link Writer} finished. */
    static final class Reader implements Closeable {
        private final Path file;
        private final SnapshotTable table;
        private final CountingInputStream counted;
        private final CheckedInputStream checked;
        private final DataInputStream in;
        private long rows;

        /** @throws IOException when the file is not the table's rows as this version writes them */
        Reader(Path file, SnapshotTable table) throws IOException {
            this.file = file;
            this.table = table;
            this.counted = new CountingInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES));
            this.checked = new CheckedInputStream(counted, new CRC32());
            this.in = new DataInputStream(checked);
            try {
                byte[] magic = new byte[MAGIC.length];
                in.readFully(magic);
                int version = in.readInt();
                if (!Arrays.equals(magic, MAGIC) || version != VERSION) {
                    throw corrupt("not a row file of this version");
                }
                String name = in.readUTF();
                int columns = in.readInt();
                boolean same = name.equals(table.name()) && columns == table.columns().size();
                for (int i = 0; same && i < columns; i++) {
                    SnapshotTable.Column column = table.columns().get(i);
                    same = in.readUTF().equals(plainName(column)) && in.readUTF().equals(column.type().name());
                }
                if (!same) {
                    throw corrupt("its columns are not those of " + table.name());
                }
            } catch (IOException e) {
                in.close();
                throw e;
            }
        }

        /**
         * Sets the next row's values as the statement's parameters; false after the last row, once
         * the count of rows and the checksum were found right.
         */
        boolean next(PreparedStatement insert) throws SQLException, IOException {
            int marker = in.readUnsignedByte();
            if (marker == END) {
                long written = in.readLong();
                int expected = (int) checked.getChecksum().getValue();
                int checksum = in.readInt();
                if (written != rows || checksum != expected) {
                    throw corrupt("its checksum or count of rows is wrong");
                }
                return false;
            }
            if (marker != ROW) {
                throw corrupt("bad row marker " + marker);
            }
            for (int i = 0; i < table.columns().size(); i++) {
                table.columns().get(i).type().read(in, insert, i + 1);
            }
            rows++;
            return true;
        }

        /** The bytes read from the file so far. */
        long bytesRead() {
            return counted.count;
        }

        private IOException corrupt(String why) {
            return new IOException(file + " is corrupt: " + why);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int read = super.read();
            if (read >= 0) {
                count++;
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
            }
            return read;
        }
    }

    /** The column's name as every dialect knows it: MySQL's quotes left out. */
    private static String plainName(SnapshotTable.Column column) {
        return column.name().replace("`", "");
    }
}
