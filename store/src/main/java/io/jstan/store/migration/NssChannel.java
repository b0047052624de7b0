package io.jstan.store.migration;

import io.jstan.store.RecoveredSubscription;
import io.jstan.store.file.Crc32;
import io.jstan.store.proto.MsgProto;
import io.jstan.store.proto.SubState;
import io.jstan.store.proto.SubStateDelete;
import io.jstan.store.proto.SubStateUpdate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A channel's directory in a nats-streaming-server FILE store: its message files
 * ({@code msgs.<n>.dat}, read in the order of n; the index files beside them only speed up the
 * server's start and are not needed) and its subscriptions file ({@code subs.dat}).
 */
public final class NssChannel {
    static final String SUBSCRIPTIONS_FILE = "subs.dat";
    private static final Pattern MESSAGE_FILE = Pattern.compile("msgs\\.(\\d+)\\.dat");
    private static final int NEW_SUB = 1;
    private static final int UPDATE_SUB = 2;
    private static final int DELETE_SUB = 3;
    private static final int ACK = 4;
    private static final int SENT = 5;

    private final String name;
    private final Path dir;
    private final Crc32 crc;

    NssChannel(String name, Path dir, Crc32 crc) {
        this.name = name;
        this.dir = dir;
        this.crc = crc;
    }

    public String name() {
        return name;
    }

    /** Receives the messages of a channel one by one, each with the size of its record's payload. */
    @FunctionalInterface
    public interface MessageConsumer {
        void accept(MsgProto message, int size);
    }

    /** The message files, in the order of their numbers. */
    public List<Path> messageFiles() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(path -> MESSAGE_FILE.matcher(path.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(NssChannel::fileNumber))
                    .toList();
        }
    }

    private static long fileNumber(Path file) {
        Matcher matcher = MESSAGE_FILE.matcher(file.getFileName().toString());
        if (!matcher.matches()) {
            throw new IllegalArgumentException(file + " is not a message file");
        }
        try {
            return Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Reads every message record of every message file, in order, into {@code consumer}. */
    public void forEachMessage(CorruptRecords corrupt, MessageConsumer consumer) throws IOException, CorruptRecordException {
        for (Path file : messageFiles()) {
            try (NssRecordFile records = open(file, false, crc, corrupt)) {
                if (records == null) {
                    continue;
                }
                for (NssRecordFile.FileRecord record; (record = next(records, corrupt)) != null; ) {
                    MsgProto message;
                    try {
                        message = NssStore.parse(file, record, MsgProto.parser());
                    } catch (CorruptRecordException e) {
                        corrupt.found(e);
                        continue;
                    }
                    consumer.accept(message, record.payload().length);
                }
            }
        }
    }

    /**
     * The subscriptions as the subscriptions file leaves them, by ID: each one's latest state, its
     * last sent sequence at least the highest sent to it, and the sequences sent and not acknowledged.
     */
    public List<RecoveredSubscription> subscriptions(CorruptRecords corrupt) throws IOException, CorruptRecordException {
        Path file = dir.resolve(SUBSCRIPTIONS_FILE);
        Map<Long, SubState> states = new LinkedHashMap<>();
        Map<Long, TreeSet<Long>> pending = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return List.of();
        }
        try (NssRecordFile records = open(file, true, crc, corrupt)) {
            for (NssRecordFile.FileRecord record; records != null && (record = next(records, corrupt)) != null; ) {
                try {
                    apply(file, record, states, pending);
                } catch (CorruptRecordException e) {
                    corrupt.found(e);
                }
            }
        }
        List<RecoveredSubscription> subscriptions = new ArrayList<>(states.size());
        states.forEach((id, state) -> subscriptions.add(new RecoveredSubscription(state, pending.get(id))));
        return subscriptions;
    }

    private static void apply(Path file, NssRecordFile.FileRecord record, Map<Long, SubState> states, Map<Long, TreeSet<Long>> pending)
            throws CorruptRecordException {
        switch (record.type()) {
            case NEW_SUB, UPDATE_SUB -> {
                SubState state = NssStore.parse(file, record, SubState.parser());
                states.put(state.getID(), state);
                pending.computeIfAbsent(state.getID(), id -> new TreeSet<>());
            }
            case DELETE_SUB -> {
                long id = NssStore.parse(file, record, SubStateDelete.parser()).getID();
                states.remove(id);
                pending.remove(id);
            }
            case SENT -> {
                SubStateUpdate sent = NssStore.parse(file, record, SubStateUpdate.parser());
                SubState state = states.get(sent.getID());
                if (state != null) {
                    if (sent.getSeqno() > state.getLastSent()) {
                        states.put(sent.getID(), state.toBuilder().setLastSent(sent.getSeqno()).build());
                    }
                    pending.get(sent.getID()).add(sent.getSeqno());
                }
            }
            case ACK -> {
                SubStateUpdate acked = NssStore.parse(file, record, SubStateUpdate.parser());
                TreeSet<Long> sequences = pending.get(acked.getID());
                if (sequences != null) {
                    sequences.remove(acked.getSeqno());
                }
            }
            default -> throw new CorruptRecordException(file, record.offset(), "unknown subscription record type "
                    + record.type(), true);
        }
    }

    /** The file, opened; null when its version is unreadable and {@code corrupt} skips it. */
    static NssRecordFile open(Path file, boolean typed, Crc32 crc, CorruptRecords corrupt) throws IOException, CorruptRecordException {
        try {
            return NssRecordFile.open(file, typed, crc);
        } catch (CorruptRecordException e) {
            corrupt.found(e);
            return null;
        }
    }

    /**
     * The next readable record, null at the end: a corrupt one is given to {@code corrupt}, and the
     * records after it are read when they can be.
     */
    static NssRecordFile.FileRecord next(NssRecordFile records, CorruptRecords corrupt) throws IOException, CorruptRecordException {
        while (true) {
            try {
                Optional<NssRecordFile.FileRecord> record = records.next();
                return record.orElse(null);
            } catch (CorruptRecordException e) {
                corrupt.found(e);
            }
        }
    }
}
