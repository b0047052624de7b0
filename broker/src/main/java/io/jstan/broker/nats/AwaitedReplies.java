package io.jstan.broker.nats;

import java.util.HashMap;
import java.util.Map;

/**
 * The reply subjects of the requests a client published whose answer has not reached it yet, so
 * that a server leaving the mesh can tell when nothing more is owed to the client (see
 * {@link OwedReplies}). Requests never answered are forgotten after one to two ping intervals
 * ({@link #forgetStale}), and past {@link #MAX_SUBJECTS} distinct subjects new ones are not counted:
 * a client that asks and never hears back costs bounded memory.
 */
final class AwaitedReplies {
    private static final int MAX_SUBJECTS = 4096;

    /** The total of the counts below; read without the lock on the delivery path. */
    private volatile int awaited;
    private Map<String, int[]> recent = new HashMap<>();
    private Map<String, int[]> older = new HashMap<>();

    /** The client published a request whose answer comes on {@code reply}. */
    synchronized void requested(String reply) {
        int[] count = recent.get(reply);
        if (count == null) {
            count = older.remove(reply);
            if (count == null) {
                if (recent.size() >= MAX_SUBJECTS) {
                    return;
                }
                count = new int[1];
            }
            recent.put(reply, count);
        }
        count[0]++;
        awaited++;
    }

    /** Whether a message on {@code subject} would answer a request; any thread. */
    boolean awaits(String subject) {
        if (awaited == 0) {
            return false;
        }
        synchronized (this) {
            return recent.containsKey(subject) || older.containsKey(subject);
        }
    }

    /** A message on {@code subject} is delivered to the client: whether it answers a request; any thread. */
    boolean answered(String subject) {
        if (awaited == 0) {
            return false;
        }
        synchronized (this) {
            return answeredIn(recent, subject) || answeredIn(older, subject);
        }
    }

    private boolean answeredIn(Map<String, int[]> counts, String subject) {
        int[] count = counts.get(subject);
        if (count == null) {
            return false;
        }
        if (--count[0] == 0) {
            counts.remove(subject);
        }
        awaited--;
        return true;
    }

    /** Forgets the requests awaited since before the previous call: their answers are not coming. */
    synchronized void forgetStale() {
        int stale = 0;
        for (int[] count : older.values()) {
            stale += count[0];
        }
        awaited -= stale;
        older = recent;
        recent = new HashMap<>();
    }

    boolean none() {
        return awaited == 0;
    }
}
