package io.jstan.broker.nats;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * This server's cluster name, and nats-server 2.9's rule for a name that was not configured. A
 * server without one makes one up; when a peer's route brings another name, a server whose own
 * name is still made up ("dynamic") takes the peer's if the peer's was configured or sorts
 * higher, and otherwise the route is refused ("Cluster Name Conflict"). A refused route is
 * dialled again by the server that dialled it, by which time one of the two has usually taken
 * the other's name, so that a mesh settles on one.
 *
 * <p>nats-server's details, kept because a mixed mesh only settles if every server follows the
 * same rule: a name taken from a CONNECT whose name was configured counts as configured from then
 * on (this server's CONNECTs say it is no longer dynamic, and it takes no other name), a name
 * taken from an INFO does not; an INFO without a name is not checked; and the INFO this server
 * sends says whether its name was made up at start, whatever happened since.
 */
final class ClusterName {
    /** What a peer's name means for its route. */
    enum Verdict {
        /** The names are the same (or an INFO has none): the route goes on. */
        MATCHES,
        /** This server took the peer's name: the route goes on, and the other routes are closed. */
        ADOPTED,
        /** The route is refused. */
        CONFLICT
    }

    private final boolean madeUpAtStart;
    private String name;
    /** The configured name, or the one taken from a peer whose name was configured; empty while there is none. */
    private String configured;

    /** {@code name}: the configured one, or one made up ({@code madeUp}) when none is. */
    ClusterName(String name, boolean madeUp) {
        this.madeUpAtStart = madeUp;
        this.configured = madeUp ? "" : name;
        this.name = name;
    }

    synchronized String name() {
        return name;
    }

    /** Whether the name is (still) one this server may replace: what its route CONNECTs say. */
    synchronized boolean dynamic() {
        return configured.isEmpty();
    }

    /** Whether the name was made up at start: what this server's route INFO says. */
    boolean madeUpAtStart() {
        return madeUpAtStart;
    }

    /** The name in a peer's route CONNECT ({@code cluster}, {@code cluster_dynamic}). */
    synchronized Verdict onConnect(String remoteName, boolean remoteDynamic) {
        String remote = remoteName == null ? "" : remoteName;
        if (remote.equals(name)) {
            return Verdict.MATCHES;
        }
        if (!mayTake(remote, remoteDynamic)) {
            return Verdict.CONFLICT;
        }
        name = remote;
        if (!remoteDynamic) {
            configured = remote;
        }
        return Verdict.ADOPTED;
    }

    /** The name in a peer's route INFO, its own or one it forwards ({@code cluster}, {@code cluster_dynamic}). */
    synchronized Verdict onInfo(String remoteName, boolean remoteDynamic) {
        if (remoteName == null || remoteName.isEmpty() || remoteName.equals(name)) {
            return Verdict.MATCHES;
        }
        if (!mayTake(remoteName, remoteDynamic)) {
            return Verdict.CONFLICT;
        }
        name = remoteName;
        return Verdict.ADOPTED;
    }

    private boolean mayTake(String remote, boolean remoteDynamic) {
        return dynamic() && (!remoteDynamic || sortsBefore(name, remote));
    }

    /** As Go compares strings: by their UTF-8 bytes. */
    private static boolean sortsBefore(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)) < 0;
    }
}
