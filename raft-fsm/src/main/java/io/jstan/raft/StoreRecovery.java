package io.jstan.raft;

/**
 * How a standalone engine comes back after its storage failed (a database that went away): what
 * it holds went ahead of what the store holds, so it must read the store again.
 */
public interface StoreRecovery {

    /** The storage failed; changes are refused from now until {@link #recover()} succeeds. */
    void storageFailed(String reason);

    /** Reads the store again and rebuilds the engine from it; throws while the store cannot be read. */
    void recover();
}
