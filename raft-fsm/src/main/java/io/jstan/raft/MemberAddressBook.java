package io.jstan.raft;

import io.jstan.raft.ops.MemberAddress;
import io.jstan.raft.ops.MemberAddresses;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The members' node IDs and Raft addresses: the group's configuration names members by address,
 * users and nats-streaming-server's requests name them by node ID. Replicated as operations, kept
 * in a file of the group's directory and in every snapshot, so that a member can be removed by
 * name when it is gone. Used from the thread that applies, read from any.
 */
final class MemberAddressBook {
    static final String FILE_NAME = "members";

    private final Path file;
    private volatile Map<String, String> addresses;

    private MemberAddressBook(Path file, Map<String, String> addresses) {
        this.file = file;
        this.addresses = addresses;
    }

    /** The book kept in {@code dir}; empty when it holds none. */
    static MemberAddressBook in(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        return new MemberAddressBook(file, Files.exists(file) ? read(file) : Map.of());
    }

    Optional<String> addressOf(String nodeId) {
        return Optional.ofNullable(addresses.get(nodeId));
    }

    Optional<String> nodeIdOf(String address) {
        return addresses.entrySet().stream().filter(entry -> entry.getValue().equals(address)).map(Map.Entry::getKey).findFirst();
    }

    /** Node ID to address, sorted by node ID. */
    Map<String, String> all() {
        return addresses;
    }

    /** Records a member's address, replacing what was known of that node ID; an empty address forgets it. */
    void apply(MemberAddress member) {
        Map<String, String> changed = new TreeMap<>(addresses);
        if (member.getAddress().isEmpty()) {
            changed.remove(member.getNodeId());
        } else {
            changed.put(member.getNodeId(), member.getAddress());
        }
        if (!changed.equals(addresses)) {
            write(file, changed);
            addresses = Collections.unmodifiableMap(changed);
        }
    }

    /** Writes the book into a snapshot's directory. */
    void copyInto(Path dir) {
        write(dir.resolve(FILE_NAME), addresses);
    }

    /** Takes the book of a snapshot's directory, when it has one. */
    void restoreFrom(Path dir) {
        Path copy = dir.resolve(FILE_NAME);
        if (Files.exists(copy)) {
            Map<String, String> restored = read(copy);
            write(file, restored);
            addresses = restored;
        }
    }

    private static Map<String, String> read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Map<String, String> read = new TreeMap<>();
            MemberAddresses.parseFrom(in).getMembersList().forEach(member -> read.put(member.getNodeId(), member.getAddress()));
            return Collections.unmodifiableMap(read);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the members' addresses in " + file, e);
        }
    }

    private static void write(Path file, Map<String, String> addresses) {
        MemberAddresses.Builder book = MemberAddresses.newBuilder();
        new TreeMap<>(addresses).forEach((nodeId, address) ->
                book.addMembers(MemberAddress.newBuilder().setNodeId(nodeId).setAddress(address)));
        Path written = file.resolveSibling(file.getFileName() + ".new");
        try {
            try (OutputStream out = Files.newOutputStream(written)) {
                book.build().writeTo(out);
            }
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the members' addresses in " + file, e);
        }
    }
}
