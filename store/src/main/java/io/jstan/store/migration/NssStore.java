package io.jstan.store.migration;

import com.google.protobuf.InvalidProtocolBufferException;
import io.jstan.store.file.Crc32;
import io.jstan.store.proto.ClientDelete;
import io.jstan.store.proto.ClientInfo;
import io.jstan.store.proto.ServerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A nats-streaming-server FILE store directory (format of 0.25), read and never written: the
 * server file, the clients file, and a directory per channel ({@link NssChannel}). Only a stopped
 * server's store gives a consistent copy.
 */
public final class NssStore {
    static final String SERVER_FILE = "server.dat";
    static final String CLIENTS_FILE = "clients.dat";
    private static final int ADD_CLIENT = 1;
    private static final int DELETE_CLIENT = 2;

    private final Path dir;
    private final Crc32 crc;

    private NssStore(Path dir, Crc32 crc) {
        this.dir = dir;
        this.crc = crc;
    }

    /**
     * @param crcPolynomial the polynomial the server ran with ({@code --file_crc_poly})
     * @throws IOException when {@code dir} is not a nats-streaming-server FILE store
     */
    public static NssStore open(Path dir, long crcPolynomial) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a directory");
        }
        if (!Files.isRegularFile(dir.resolve(SERVER_FILE))) {
            throw new IOException(dir + " is not a nats-streaming-server FILE store: it has no " + SERVER_FILE);
        }
        return new NssStore(dir, Crc32.of(crcPolynomial));
    }

    public Path dir() {
        return dir;
    }

    /**
     * The server's information; empty when the server never stored it (the store holds no state).
     *
     * @throws CorruptRecordException when the server file cannot be read: the migration cannot go on without it
     */
    public Optional<ServerInfo> serverInfo() throws IOException, CorruptRecordException {
        try (NssRecordFile records = NssRecordFile.open(dir.resolve(SERVER_FILE), false, crc)) {
            Optional<NssRecordFile.FileRecord> record = records.next();
            if (record.isEmpty()) {
                return Optional.empty();
            }
            long expected = 4 + NssRecordFile.HEADER_BYTES + record.get().payload().length;
            if (records.length() != expected) {
                throw new CorruptRecordException(records.file(), 0, "the server file has " + records.length()
                        + " bytes, its record says " + expected, false);
            }
            return Optional.of(parse(records.file(), record.get(), ServerInfo.parser()));
        }
    }

    /** The clients as the clients file leaves them: added and not deleted since, the latest record of each. */
    public List<ClientInfo> clients(CorruptRecords corrupt) throws IOException, CorruptRecordException {
        Map<String, ClientInfo> clients = new LinkedHashMap<>();
        Path file = dir.resolve(CLIENTS_FILE);
        if (!Files.exists(file)) {
            return List.of();
        }
        try (NssRecordFile records = NssChannel.open(file, true, crc, corrupt)) {
            for (NssRecordFile.FileRecord record; records != null && (record = NssChannel.next(records, corrupt)) != null; ) {
                try {
                    switch (record.type()) {
                        case ADD_CLIENT -> {
                            ClientInfo client = parse(file, record, ClientInfo.parser());
                            clients.put(client.getID(), client);
                        }
                        case DELETE_CLIENT -> clients.remove(parse(file, record, ClientDelete.parser()).getID());
                        default -> throw new CorruptRecordException(file, record.offset(), "unknown client record type "
                                + record.type(), true);
                    }
                } catch (CorruptRecordException e) {
                    corrupt.found(e);
                }
            }
        }
        return List.copyOf(clients.values());
    }

    /** The channels' names, those of the store's directories, sorted. */
    public List<String> channelNames() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    public NssChannel channel(String name) {
        return new NssChannel(name, dir.resolve(name), crc);
    }

    /** The bytes of every message file of every channel: what a migration reads. */
    public long messageFileBytes() throws IOException {
        long total = 0;
        for (String name : channelNames()) {
            for (Path slice : channel(name).messageFiles()) {
                total += Files.size(slice);
            }
        }
        return total;
    }

    static <T> T parse(Path file, NssRecordFile.FileRecord record, com.google.protobuf.Parser<T> parser)
            throws CorruptRecordException {
        try {
            return parser.parseFrom(record.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new CorruptRecordException(file, record.offset(), "cannot be decoded: " + e.getMessage(), true);
        }
    }
}
