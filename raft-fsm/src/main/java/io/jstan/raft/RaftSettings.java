package io.jstan.raft;

import java.time.Duration;
import java.util.Objects;

/**
 * How a Raft group runs on this node.
 *
 * @param electionTimeout how long a follower goes without hearing from a leader before it stands
 *     for election (the actual wait is randomised up to half as much again, so that followers do
 *     not stand together); the leader's heartbeats come ten times as often
 * @param sync whether the log is synced to disk before an entry counts as stored here
 *     ({@code --cluster_sync}); without it, a committed entry survives the loss of a minority of
 *     machines, not of all of them at once
 * @param snapshotInterval how often a snapshot is taken, whatever the log's size
 * @param snapshotLogBytes how many bytes of entries applied since the last snapshot make the next
 *     one be taken at once, so that the log stays bounded under load
 * @param trailingEntries how many entries a snapshot must follow at least: the log always keeps that
 *     many, for followers that lag ({@code --cluster_trailing_logs})
 * @param listenHost the interface the Raft RPC listens on (the embedded NATS server's {@code -a}):
 *     empty, {@code 0.0.0.0} or {@code ::} for every interface
 */
public record RaftSettings(Duration electionTimeout, boolean sync, Duration snapshotInterval, long snapshotLogBytes,
        long trailingEntries, String listenHost) {

    public static final RaftSettings DEFAULTS =
            new RaftSettings(Duration.ofMillis(500), false, Duration.ofMinutes(2), 256L * 1024 * 1024, 10240, "");

    public RaftSettings {
        Objects.requireNonNull(electionTimeout);
        Objects.requireNonNull(listenHost);
        Objects.requireNonNull(snapshotInterval);
        if (electionTimeout.toMillis() < 10) {
            throw new IllegalArgumentException("the election timeout must be at least 10ms (" + electionTimeout.toMillis() + "ms)");
        }
        if (snapshotInterval.toSeconds() < 1) {
            throw new IllegalArgumentException("the snapshot interval must be at least 1s");
        }
        if (snapshotLogBytes <= 0 || trailingEntries < 0) {
            throw new IllegalArgumentException("snapshot log bytes must be positive and trailing entries not negative");
        }
    }

    public RaftSettings withElectionTimeout(Duration value) {
        return new RaftSettings(value, sync, snapshotInterval, snapshotLogBytes, trailingEntries, listenHost);
    }

    public RaftSettings withSync(boolean value) {
        return new RaftSettings(electionTimeout, value, snapshotInterval, snapshotLogBytes, trailingEntries, listenHost);
    }

    public RaftSettings withSnapshotInterval(Duration value) {
        return new RaftSettings(electionTimeout, sync, value, snapshotLogBytes, trailingEntries, listenHost);
    }

    public RaftSettings withSnapshotLogBytes(long value) {
        return new RaftSettings(electionTimeout, sync, snapshotInterval, value, trailingEntries, listenHost);
    }

    public RaftSettings withTrailingEntries(long value) {
        return new RaftSettings(electionTimeout, sync, snapshotInterval, snapshotLogBytes, value, listenHost);
    }

    public RaftSettings withListenHost(String value) {
        return new RaftSettings(electionTimeout, sync, snapshotInterval, snapshotLogBytes, trailingEntries, value);
    }

    /** Whether the Raft RPC listens on every interface rather than on {@link #listenHost()} alone. */
    public boolean listensEverywhere() {
        return listenHost.isEmpty() || listenHost.equals("0.0.0.0") || listenHost.equals("::");
    }
}
