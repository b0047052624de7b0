package io.jstan.cli.logging;

/**
 * How the server logs.
 *
 * @param timestamps     whether lines carry the date and time (-T)
 * @param debug          debug lines (-D)
 * @param trace          protocol trace lines (-V)
 * @param streamingDebug debug lines of the streaming server's loggers (-SD)
 * @param streamingTrace the streaming protocol trace (-SV)
 * @param raftLogging    the lines of the Raft library and its RPC (--cluster_raft_logging)
 */
public record LogSettings(LogDestination destination, boolean timestamps, boolean debug, boolean trace,
        boolean streamingDebug, boolean streamingTrace, boolean raftLogging) {
}
